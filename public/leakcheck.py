"""R1 leak check: crawl the public site as an anonymous visitor, look for contactcenter data.

`crawl_public_site(client)` visits everything a visitor or a robot can reach: it starts at
the home page and follows every same-site link, reads robots.txt and /sitemap.xml (and
their <loc> URLs), walks the public API from its OpenAPI schema (each list, its next pages
and every item's detail) and runs a public search for every word of every escalation
point's titles. It returns {url: text} with HTML entities and JSON escapes decoded.

`contactcenter_secrets()` lists what must never be public: per escalation point (published
or draft, the saved row and its latest revision) the titles, phone number (also without
spaces and in +32 form), e-mail address, instructions (whole and per line), exception
messages and contact persons; and the questions' texts and answers.

`find_leaks(pages, secrets)` returns every (url, secret) where a secret occurs in a page,
case-insensitive and with whitespace collapsed.

Used by the tests (public/tests/test_r01_no_escalation_data_in_public.py) and by
`manage.py check_public_leaks` on a real database.
"""

import html
import json
import re
import xml.etree.ElementTree as ElementTree
from collections import deque
from html.parser import HTMLParser
from urllib.parse import urlencode, urljoin, urlsplit

from wagtail.models import Site

from knowledge.models import Question
from points.models import EscalationPoint
from reference.models import Organisation

# Never crawled: not public (CMS, agent console, contactcenter API) or not pages.
SKIP_PREFIXES = ("/cms/", "/contactcenter/", "/api/v1/", "/static/", "/documents/", "/media/")
START_URLS = ("/", "/robots.txt", "/sitemap.xml")
PUBLIC_API_SCHEMA = "/api/public/openapi.json"
SEARCH_URL = "/zoeken/"
MAX_URLS = 500
MIN_SEARCH_WORD = 3
# Shorter secrets (e.g. a title that is only an abbreviation) match too much public text.
MIN_SECRET_LENGTH = 6
LOCAL_HOSTS = {"testserver", "localhost", "127.0.0.1"}
# JSON keys whose string values are links the API offers.
JSON_LINK_KEYS = {"url", "next", "previous", "href"}


class _LinkParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in {"a", "area", "link"}:
            href = dict(attrs).get("href")
            if href:
                self.links.append(href)


def _normalise(text: str) -> str:
    return " ".join(text.split()).casefold()


def site_hosts() -> set[str]:
    return LOCAL_HOSTS | set(Site.objects.values_list("hostname", flat=True))


# --- What must stay secret -----------------------------------------------------------------


def _point_versions():
    """Every escalation point as saved, plus its latest revision when that differs."""
    points = EscalationPoint.objects.select_related("latest_revision").prefetch_related(
        "exceptions", "contact_persons"
    )
    for point in points:
        yield point
        if point.latest_revision_id:
            yield point.latest_revision.as_object()


def _phone_variants(number: str) -> list[str]:
    digits = re.sub(r"\D", "", number)
    variants = [number, digits]
    if digits.startswith("0") and len(digits) > 1:
        variants.append("+32" + digits[1:])
    return variants


def point_secrets() -> list[str]:
    secrets: list[str] = []
    for point in _point_versions():
        secrets += [point.editorial_title, point.shown_public_title, point.email_address]
        if point.phone_number:
            secrets += _phone_variants(point.phone_number)
        secrets.append(point.instructions)
        secrets += point.instructions.splitlines()
        secrets += [exception.message for exception in point.exceptions.all()]
        for person in point.contact_persons.all():
            secrets += [person.name, person.email]
            if person.phone:
                secrets += _phone_variants(person.phone)
    return secrets


def question_secrets() -> list[str]:
    secrets: list[str] = []
    for question, answer in Question.objects.values_list("question", "answer"):
        secrets += [question, answer]
    return secrets


def contactcenter_secrets(*, allow_organisation_names: bool = False) -> list[str]:
    """All contactcenter-only strings, long enough to match meaningfully, deduplicated.

    `allow_organisation_names` drops secrets that equal an organisation's name or
    abbreviation: those are public as the organisation anyway (demo data has a division
    named like its point). Tests leave it off, so the check stays strict.
    """
    secrets = [
        secret.strip()
        for secret in [*point_secrets(), *question_secrets()]
        if secret and len(_normalise(secret)) >= MIN_SECRET_LENGTH
    ]
    if allow_organisation_names:
        public = {
            _normalise(value)
            for pair in Organisation.objects.values_list("name", "abbreviation")
            for value in pair
        }
        secrets = [secret for secret in secrets if _normalise(secret) not in public]
    return list(dict.fromkeys(secrets))


def point_search_words() -> list[str]:
    """Every word (3+ characters) of every escalation point's titles."""
    words: list[str] = []
    for point in _point_versions():
        for title in (point.editorial_title, point.shown_public_title):
            words += [word for word in re.findall(r"\w+", title) if len(word) >= MIN_SEARCH_WORD]
    return list(dict.fromkeys(word.casefold() for word in words))


# --- The crawl -------------------------------------------------------------------------------


class _Crawler:
    def __init__(self, client, *, max_urls: int, hosts: set[str]):
        self.client = client
        self.max_urls = max_urls
        self.hosts = hosts
        self.queue: deque[str] = deque()
        self.seen: set[str] = set()
        self.pages: dict[str, str] = {}
        self.api_details: dict[str, str] = {}  # list path -> detail path template

    def local(self, url: str, base: str = "/") -> str | None:
        """The same-site path (with query) of a link, or None to leave it alone."""
        url = (url or "").strip()
        if not url or url.startswith("#"):
            return None
        parts = urlsplit(urljoin(f"http://testserver{base}", url))
        if parts.scheme not in {"http", "https"} or parts.hostname not in self.hosts:
            return None
        path = parts.path or "/"
        if path.startswith(SKIP_PREFIXES):
            return None
        return f"{path}?{parts.query}" if parts.query else path

    def add(self, url: str, base: str = "/") -> None:
        path = self.local(url, base)
        if path is not None and path not in self.seen:
            self.seen.add(path)
            self.queue.append(path)

    def run(self) -> dict[str, str]:
        while self.queue and len(self.pages) < self.max_urls:
            path = self.queue.popleft()
            self.visit(path)
        return self.pages

    def visit(self, path: str) -> None:
        response = self.client.get(path)
        if response.status_code in {301, 302, 303, 307, 308} and response.get("Location"):
            self.add(response["Location"], path)
        if getattr(response, "streaming", False):
            self.pages[path] = ""
            return
        content_type = response.get("Content-Type", "").split(";")[0].strip()
        raw = response.content.decode(response.charset or "utf-8", errors="replace")
        if content_type.endswith("json"):
            try:
                data = json.loads(raw)
            except ValueError:
                self.pages[path] = raw
                return
            self.pages[path] = json.dumps(data, ensure_ascii=False)
            self.follow_json(path, data)
        elif content_type.endswith("html"):
            self.pages[path] = html.unescape(raw)
            parser = _LinkParser()
            parser.feed(raw)
            for link in parser.links:
                self.add(link, path)
        elif content_type.endswith("xml"):
            self.pages[path] = html.unescape(raw)
            self.follow_sitemap(raw)
        else:
            self.pages[path] = raw
            for line in raw.splitlines():
                if line.lower().startswith("sitemap:"):
                    self.add(line.split(":", 1)[1].strip(), path)

    def follow_sitemap(self, raw: str) -> None:
        try:
            root = ElementTree.fromstring(raw.encode())
        except ElementTree.ParseError:
            return
        for element in root.iter():
            if element.tag.endswith("}loc") or element.tag == "loc":
                # The host in <loc> is the Wagtail site's; only the path matters here.
                parts = urlsplit((element.text or "").strip())
                self.add(f"{parts.path}?{parts.query}" if parts.query else parts.path or "/")

    def follow_json(self, path: str, data) -> None:
        list_path = urlsplit(path).path
        if list_path == PUBLIC_API_SCHEMA and isinstance(data, dict):
            for api_path, operations in (data.get("paths") or {}).items():
                if "get" not in operations:
                    continue
                if "{" in api_path:
                    self.api_details[api_path.rsplit("/{", 1)[0]] = api_path
                else:
                    self.add(api_path)
            return
        detail = self.api_details.get(list_path)
        if detail and isinstance(data, dict):
            for item in data.get("items") or []:
                if isinstance(item, dict) and "id" in item:
                    self.add(re.sub(r"\{[^}]+\}", str(item["id"]), detail))
        self.follow_json_links(path, data)

    def follow_json_links(self, path: str, data) -> None:
        if isinstance(data, dict):
            for key, value in data.items():
                if key in JSON_LINK_KEYS and isinstance(value, str):
                    self.add(value, path)
                else:
                    self.follow_json_links(path, value)
        elif isinstance(data, list):
            for value in data:
                self.follow_json_links(path, value)


def crawl_public_site(
    client,
    *,
    max_urls: int = MAX_URLS,
    search_words: list[str] | None = None,
    hosts: set[str] | None = None,
) -> dict[str, str]:
    """Everything an anonymous visitor reaches, as {path: decoded text}. Bounded by max_urls.

    `client` is a Django test client that is not logged in. `search_words` defaults to
    the words of every escalation point's titles.
    """
    crawler = _Crawler(client, max_urls=max_urls, hosts=hosts or site_hosts())
    for url in START_URLS:
        crawler.add(url)
    crawler.add(PUBLIC_API_SCHEMA)
    words = point_search_words() if search_words is None else search_words
    for word in words:
        crawler.add(f"{SEARCH_URL}?{urlencode({'q': word})}")
    return crawler.run()


def find_leaks(pages: dict[str, str], secrets) -> list[tuple[str, str]]:
    """Every (url, secret) where the secret occurs in the page's text."""
    needles = [
        (secret, _normalise(secret))
        for secret in dict.fromkeys(secrets)
        if secret and len(_normalise(secret)) >= MIN_SECRET_LENGTH
    ]
    leaks = []
    for url, text in pages.items():
        haystack = _normalise(text)
        leaks += [(url, secret) for secret, needle in needles if needle in haystack]
    return leaks
