"""The public site's URLs, served before Wagtail's page serving.

The site's views live in the "public" namespace; the public API keeps its own top-level
namespace "api-public" (django-ninja reverses its schema URL by that name).
"""

from django.urls import include, path
from wagtail.contrib.sitemaps.views import sitemap

from public import views
from public.api import api
from public.sitemaps import SITEMAPS

site_patterns = [
    path("zoeken/", views.search, name="search"),
    path("organisaties/", views.organisation_list, name="organisations"),
    path("organisaties/<int:pk>/", views.organisation_detail, name="organisation"),
    path(
        "sitemap.xml",
        sitemap,
        {"sitemaps": SITEMAPS, "template_name": "public/sitemap.xml"},
        name="sitemap",
    ),
    path("robots.txt", views.robots_txt, name="robots"),
]

urlpatterns = [
    path("", include((site_patterns, "public"))),
    path("api/public/", api.urls),
]
