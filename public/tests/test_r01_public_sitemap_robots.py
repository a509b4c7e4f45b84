"""/sitemap.xml lists live, public pages and organisations; robots.txt points to it (R1)."""

import xml.etree.ElementTree as ElementTree
from urllib.parse import urlsplit

import pytest

from reference.models import Organisation

pytestmark = pytest.mark.django_db

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def sitemap_paths(client) -> list[str]:
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ElementTree.fromstring(response.content)
    return [urlsplit(loc.text).path for loc in root.findall("s:url/s:loc", NS)]


def test_r01_sitemap_has_live_public_pages_and_organisations_only(
    client, site_content, reference_data, points
):
    paths = sitemap_paths(client)
    organisations = [f"/organisaties/{o.pk}/" for o in Organisation.objects.all()]
    assert set(paths) == {
        "/",
        "/jagen/",
        "/jagen/jachtverlof-aanvragen/",
        "/jagen/jachtexamen/",
        *organisations,
    }
    body = client.get("/sitemap.xml").content.decode()
    assert points["published"].editorial_title not in body


def test_r01_robots_txt_points_to_the_sitemap_and_keeps_robots_out_of_internal_parts(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = [line.strip() for line in response.content.decode().splitlines() if line.strip()]
    assert lines[0] == "User-agent: *"
    assert {"Disallow: /cms/", "Disallow: /contactcenter/", "Disallow: /api/v1/"} <= set(lines)
    assert "Sitemap: http://testserver/sitemap.xml" in lines
