"""Error reports never carry a citizen's personal data (issue 11, R1-like care for people).

Django's error e-mails and debug pages show the POST data and the local variables of every
frame. For the requests that handle citizens' data (the console, the escalations API) this
filter hides all of them, whatever DEBUG says: a name, an address, a rijksregisternummer or a
question can sit in any frame, down to the database driver's parameters.
"""

from django.views.debug import SafeExceptionReporterFilter

PERSONAL_DATA_PATHS = ("/contactcenter/", "/api/v1/escalations")


def handles_personal_data(request) -> bool:
    return request is not None and request.path.startswith(PERSONAL_DATA_PATHS)


class PersonalDataFilter(SafeExceptionReporterFilter):
    def get_post_parameters(self, request):
        if handles_personal_data(request):
            return dict.fromkeys(request.POST, self.cleansed_substitute)
        return super().get_post_parameters(request)

    def get_traceback_frame_variables(self, request, tb_frame):
        if handles_personal_data(request):
            return [(name, self.cleansed_substitute) for name in tb_frame.f_locals]
        return super().get_traceback_frame_variables(request, tb_frame)
