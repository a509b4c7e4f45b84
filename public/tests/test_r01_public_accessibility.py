"""Every public page type is plain, accessible HTML: language, skip link, landmarks,
headings in order, labelled fields, unique ids."""

from itertools import pairwise

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.django_db


def public_urls(site_content, reference_data) -> list[str]:
    return [
        "/",
        site_content["topic"].url,
        site_content["article"].url,
        site_content["product"].url,
        "/zoeken/",
        "/zoeken/?q=jacht",
        "/organisaties/",
        f"/organisaties/{reference_data['anb'].pk}/",
    ]


def check_page(url: str, html: bytes) -> list[str]:
    page = BeautifulSoup(html, "html.parser")
    problems = []
    if page.find("html").get("lang") != "nl-BE":
        problems.append("html lang is niet nl-BE")
    if not (page.title and page.title.get_text(strip=True)):
        problems.append("geen <title>")
    mains = page.find_all("main")
    if len(mains) != 1:
        problems.append(f"{len(mains)} <main>")
    first_link = page.find("a", href=True)
    main_id = mains[0].get("id") if mains else None
    if not main_id or first_link is None or first_link["href"] != f"#{main_id}":
        problems.append("de eerste link is geen skip link naar <main>")
    for landmark in ("header", "footer"):
        if len(page.find_all(landmark)) != 1:
            problems.append(f"geen enkele <{landmark}>")
    for nav in page.find_all("nav"):
        if not nav.get("aria-label"):
            problems.append("<nav> zonder aria-label")
    if not page.find("form", role="search"):
        problems.append("geen zoekformulier")
    headings = [int(h.name[1]) for h in page.find_all(["h1", "h2", "h3", "h4", "h5", "h6"])]
    if headings.count(1) != 1 or headings[0] != 1:
        problems.append(f"koppen beginnen niet met één h1: {headings}")
    for previous, current in pairwise(headings):
        if current > previous + 1:
            problems.append(f"kopniveau springt van h{previous} naar h{current}")
    ids = [tag["id"] for tag in page.find_all(id=True)]
    if len(ids) != len(set(ids)):
        problems.append(f"dubbele ids: {ids}")
    for field in page.find_all(["input", "select", "textarea"]):
        if field.get("type") in {"hidden", "submit", "button"}:
            continue
        if not field.get("id") or not page.find("label", attrs={"for": field["id"]}):
            problems.append(f"veld {field.get('name')} zonder label")
    for image in page.find_all("img"):
        if image.get("alt") is None:
            problems.append("afbeelding zonder alt")
    for link in page.find_all("a"):
        if not link.get_text(strip=True) and not link.get("aria-label"):
            problems.append(f"link zonder tekst: {link.get('href')}")
    return [f"{url}: {problem}" for problem in problems]


def test_r01_public_pages_are_accessible_html(client, site_content, reference_data):
    problems = []
    for url in public_urls(site_content, reference_data):
        response = client.get(url)
        assert response.status_code == 200, url
        problems += check_page(url, response.content)
    assert problems == []


def test_r01_the_accessibility_check_reports_problems():
    html = (
        b'<html lang="en"><head><title>x</title></head><body><a href="/">Start</a>'
        b"<header></header><nav></nav><main id=m><h2>Geen h1</h2><h4>Sprong</h4>"
        b'<input name="q"><a href="/x"></a></main><footer></footer></body></html>'
    )
    problems = "\n".join(check_page("/x/", html))
    for expected in (
        "lang",
        "skip link",
        "<nav> zonder aria-label",
        "zoekformulier",
        "h1",
        "h2 naar h4",
        "veld q zonder label",
        "link zonder tekst",
    ):
        assert expected in problems
