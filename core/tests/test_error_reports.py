"""A citizen's personal data never appears in an error report: not in the POST data, not in
the variables of any frame, for the console and the escalations API, DEBUG or not."""

import sys

import pytest
from django.test import RequestFactory
from django.views.debug import ExceptionReporter

CITIZEN = {"citizen_name": "Jan Janssens", "national_number": "85.07.30-033.28"}


def report_text(path: str, debug: bool, settings) -> str:
    settings.DEBUG = debug
    request = RequestFactory().post(path, CITIZEN)

    def escalate(name, number):
        raise ValueError("boom")

    try:
        escalate(CITIZEN["citizen_name"], CITIZEN["national_number"])
    except ValueError:
        reporter = ExceptionReporter(request, *sys.exc_info())
        return reporter.get_traceback_text() + reporter.get_traceback_html()
    raise AssertionError("no error")


@pytest.mark.parametrize("debug", [False, True])
@pytest.mark.parametrize(
    "path", ["/contactcenter/punten/1/e-mail/", "/api/v1/escalations", "/api/v1/escalations/7"]
)
def test_personal_data_is_hidden_from_error_reports(path, debug, settings):
    text = report_text(path, debug, settings)

    assert "Jan Janssens" not in text
    assert "85.07.30-033.28" not in text
    assert "citizen_name" in text  # the names stay: they help to find the bug


def test_other_error_reports_keep_their_detail(settings):
    text = report_text("/cms/snippets/points/escalationpoint/add/", True, settings)

    assert "Jan Janssens" in text
