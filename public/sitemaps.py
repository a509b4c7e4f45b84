"""/sitemap.xml: live, public pages and the organisation pages. Nothing else (R1)."""

from django.urls import reverse
from wagtail.contrib.sitemaps import Sitemap as WagtailSitemap

from reference.models import Organisation


class OrganisationSitemap(WagtailSitemap):
    """Organisation pages, on the same host as the Wagtail pages."""

    def items(self):
        return Organisation.objects.order_by("pk")

    def location(self, obj):
        return self.get_wagtail_site().root_url + reverse("public:organisation", args=[obj.pk])

    def lastmod(self, obj):
        return None

    def _urls(self, page, protocol, domain):
        return [
            {"item": organisation, "location": self.location(organisation), "lastmod": None}
            for organisation in self.paginator.page(page).object_list
        ]


# Wagtail's own sitemap: the live, public pages under the request's site root.
SITEMAPS = {"pages": WagtailSitemap, "organisations": OrganisationSitemap}
