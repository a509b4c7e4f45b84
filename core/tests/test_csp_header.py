"""The Content-Security-Policy header: scripts from this site only, except inline scripts in
the CMS that Wagtail still writes."""

import pytest

pytestmark = pytest.mark.django_db


def directives(response) -> dict[str, str]:
    header = response["Content-Security-Policy"]
    return dict(part.strip().split(" ", 1) for part in header.split(";") if part.strip())


@pytest.mark.parametrize("url", ["/", "/zoeken/?q=jacht", "/api/v1/docs", "/contactcenter/"])
def test_scripts_only_from_this_site_outside_the_cms(client, voorlichter, url):
    client.force_login(voorlichter)
    policy = directives(client.get(url))
    assert policy["script-src"] == "'self'"
    assert policy["object-src"] == "'none'"
    assert policy["frame-ancestors"] == "'self'"


def test_the_cms_also_allows_wagtails_inline_scripts(client, redacteur):
    client.force_login(redacteur)
    assert directives(client.get("/cms/"))["script-src"] == "'self' 'unsafe-inline'"
