"""The public page templates: content fields only, live and public pages only (R1)."""

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.django_db


def soup(response) -> BeautifulSoup:
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def main_text(response) -> str:
    return " ".join(soup(response).find("main").get_text(" ").split())


def test_r01_home_lists_live_public_topics_only(client, site_content):
    page = soup(client.get("/"))
    main = page.find("main")
    assert main.find("h1").get_text(strip=True) == site_content["home"].title
    topic_links = [a.get_text(strip=True) for a in main.select("ul.cards h3 a")]
    assert topic_links == ["Jagen"]  # not the private topic
    assert main.find("a", string="Jagen")["href"] == "/jagen/"
    assert "Alles over het jachtverlof en het jachtexamen." in main.get_text()
    assert page.find("footer").get_text(" ", strip=True) == "Vragen? Bel gratis 1700"
    assert page.find("html")["lang"] == "nl-BE"


def test_r01_topic_lists_its_live_articles_and_products(client, site_content):
    response = client.get("/jagen/")
    page = soup(response)
    main = page.find("main")
    assert main.find("h1").get_text(strip=True) == "Jagen"
    assert "Wie in Vlaanderen wil jagen" in main.get_text()
    sections = {
        section.find("h2").get_text(strip=True): [
            a.get_text(strip=True) for a in section.select("h3 a")
        ]
        for section in main.find_all("section")
    }
    assert sections == {"Artikels": ["Jachtverlof aanvragen"], "Producten": ["Jachtexamen"]}
    assert "Nieuwe jachtregels" not in response.content.decode()
    crumbs = [a.get_text(strip=True) for a in page.select("nav.breadcrumbs a")]
    assert crumbs == [site_content["home"].title, "Jagen"]


def test_r01_article_shows_its_fields(client, site_content):
    text = main_text(client.get("/jagen/jachtverlof-aanvragen/"))
    assert "Jachtverlof aanvragen" in text
    assert "Hoe en wanneer u een jachtverlof aanvraagt." in text
    assert "Het verlof is geldig van 1 juli tot 30 juni." in text


def test_r01_product_shows_conditions_procedure_and_cost(client, site_content):
    page = soup(client.get("/jagen/jachtexamen/"))
    main = page.find("main")
    headings = [h.get_text(strip=True) for h in main.find_all("h2")]
    assert headings == ["Voorwaarden", "Hoe aanvragen?", "Kostprijs"]
    text = " ".join(main.get_text(" ").split())
    for expected in (
        "Het examen om een jachtverlof te krijgen.",
        "Het examen heeft een theoretisch en een praktisch deel.",
        "U bent minstens 18 jaar.",
        "Schrijf u in via het e-loket.",
        "50 euro",
    ):
        assert expected in text
    crumbs = [a.get_text(strip=True) for a in page.select("nav.breadcrumbs a")]
    assert crumbs[1:] == ["Jagen", "Jachtexamen"]


def test_r01_draft_and_private_pages_are_not_served(client, site_content):
    assert client.get("/jagen/nieuwe-jachtregels/").status_code == 404
    private = client.get("/intern-wildbeheer/")
    assert "Afgeschermde uitleg" not in private.content.decode()


def test_r01_linked_points_do_not_appear_on_the_pages_that_link_them(
    client, linked_content, points
):
    for page in (linked_content["topic"], linked_content["article"], linked_content["product"]):
        html = client.get(page.url).content.decode()
        assert page.title in html
        for point in points.values():
            assert point.editorial_title not in html
            assert point.phone_number not in html
            assert point.email_address not in html


def test_r01_cms_preview_shows_exactly_what_the_public_sees(
    client, redacteur, linked_content, points
):
    for page in (linked_content["topic"], linked_content["article"], linked_content["product"]):
        public = client.get(page.url)
        preview = page.make_preview_request(extra_request_attrs={"user": redacteur})
        preview.render()
        assert preview.status_code == 200
        assert preview.content.decode() == public.content.decode()
        assert points["published"].editorial_title not in preview.content.decode()
