"""The calendar engine is plain Python: no Django anywhere in the package (R16-R18 logic)."""

import ast
from pathlib import Path

import calendar_engine

PACKAGE_DIR = Path(calendar_engine.__file__).parent


def imported_modules(source: Path) -> set[str]:
    tree = ast.parse(source.read_text(encoding="utf-8"))
    modules = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            modules.add(node.module)
    return modules


def test_r17_r18_calendar_engine_imports_no_django():
    sources = sorted(PACKAGE_DIR.rglob("*.py"))
    assert sources
    for source in sources:
        django_imports = {m for m in imported_modules(source) if m.split(".")[0] == "django"}
        assert not django_imports, f"{source.name} imports {django_imports}"


def test_r17_r18_public_api_is_exported():
    for name in calendar_engine.__all__:
        assert hasattr(calendar_engine, name), name
