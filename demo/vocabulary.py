"""Reference vocabularies the demo data and the benchmark's seeding both make sure of."""

from reference.models import EditorialDomain, LineCode, ReportingTheme


def ensure_vocabulary(*, line_codes, domains, themes) -> None:
    """Line codes (code, name), editorial domains and reporting themes, each made once."""
    for code, name in line_codes:
        LineCode.objects.get_or_create(code=code, defaults={"name": name})
    for name in domains:
        EditorialDomain.objects.get_or_create(name=name)
    for name in themes:
        ReportingTheme.objects.get_or_create(name=name)
