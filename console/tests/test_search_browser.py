"""An agent searches the console in a real browser (R19, R23): a typo and an unfinished word
still find the point and the items with their points inline, with number and state now."""

import pytest

from knowledge.factories import ArticlePageFactory, publish_points

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_r19_r23_an_agent_finds_points_and_items_while_typing(
    migration_rows, page, live_server, login, voorlichter, point, topic
):
    publish_points(topic, [point])
    ArticlePageFactory(title="Jachtverlof aanvragen", parent=topic, points=[point])
    login(page, "voorlichter")
    for typed in ("jachtv", "jachverlof"):
        page.fill("#console-q", typed)
        page.press("#console-q", "Enter")
        page.wait_for_selector("h1:has-text('Resultaten')")
        points = page.locator("section[aria-labelledby=r-points] ol.results > li")
        assert points.count() == 1
        assert points.first.locator("a").first.inner_text() == "ANB - Team Jacht"
        assert "011 12 34 56" in points.first.inner_text()
        items = page.locator("section[aria-labelledby=r-items] ol.results > li")
        titles = [items.nth(n).locator("a").first.inner_text() for n in range(items.count())]
        assert "Jachtverlof aanvragen" in titles
        article = items.nth(titles.index("Jachtverlof aanvragen"))
        linked = article.locator("ul.linked-points > li")
        assert "ANB - Team Jacht" in linked.first.inner_text()
        assert "E-mail: ✔ ja" in linked.first.inner_text()
    page.click("section[aria-labelledby=r-points] ol.results > li >> a")
    page.wait_for_url(f"**/contactcenter/punten/{point.pk}/")
