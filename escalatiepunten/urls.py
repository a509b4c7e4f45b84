from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from api.v1 import api as api_v1
from core.views import api_not_found

urlpatterns = [
    path("cms/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v1/", api_v1.urls),
    path("contactcenter/", include("console.urls")),
    path("behandeld/", include("reports.urls")),
    path("", include("public.urls")),
    re_path(r"^api/", api_not_found),
    path("", include(wagtail_urls)),
]
