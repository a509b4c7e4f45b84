"""The text a user reads on a page: tags dropped, whitespace collapsed, scripts left out."""

from html.parser import HTMLParser


class _TextOnly(HTMLParser):
    SKIPPED = {"script", "style", "template"}

    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIPPED:
            self.skipping += 1
        elif tag in {"p", "li", "div", "dt", "dd", "h1", "h2", "h3", "h4", "br", "section"}:
            self.parts.append(" ")

    def handle_endtag(self, tag):
        if tag in self.SKIPPED:
            self.skipping -= 1

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)


def visible_text(html: str | bytes) -> str:
    parser = _TextOnly()
    parser.feed(html.decode() if isinstance(html, bytes) else html)
    return " ".join("".join(parser.parts).split())
