"""The layers are checked by import-linter (pyproject.toml); a planted violation of each
contract must make `lint-imports` fail, or the check could pass by checking nothing."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = [
    "calendar_engine",
    "core",
    "reference",
    "points",
    "knowledge",
    "escalations",
    "reports",
    "console",
    "api",
    "public",
    "demo",
    "escalatiepunten",
]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def lint_imports(tree: Path, *contracts: str) -> subprocess.CompletedProcess:
    only = [argument for contract in contracts for argument in ("--contract", contract)]
    return subprocess.run(
        [str(LINT_IMPORTS), "--config", str(tree / "pyproject.toml"), "--no-cache", *only],
        cwd=tree,
        env={"PYTHONPATH": str(tree), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture(scope="module")
def tree(tmp_path_factory) -> Path:
    copy = tmp_path_factory.mktemp("tree")
    shutil.copy(ROOT / "pyproject.toml", copy)
    for package in PACKAGES:
        shutil.copytree(ROOT / package, copy / package, ignore=shutil.ignore_patterns("*.pyc"))
    return copy


def test_the_repository_keeps_every_contract():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


# (module, import planted in it, the contract id that must break)
PLANTED = [
    ("points/rules.py", "import knowledge.services", "layers"),
    ("reference/models.py", "import points.models", "layers"),
    ("knowledge/models.py", "import console.views", "layers"),
    ("core/roles.py", "import reference.models", "layers"),
    ("calendar_engine/hours.py", "import django.utils.timezone", "pure-calendar"),
    ("calendar_engine/working_days.py", "import reference.models", "pure-calendar"),
    ("public/views.py", "import knowledge.search", "public-never-sees-points"),
    ("public/content.py", "import knowledge.services", "public-never-sees-points"),
    ("public/views.py", "import reports.queries", "public-never-sees-points"),
    ("escalations/services.py", "import reports.confirmations", "layers"),
    ("points/rules.py", "import points.models", "no-cycles-in-apps"),
]


@pytest.mark.parametrize(("module", "planted_import", "contract"), PLANTED)
def test_a_planted_violation_breaks_its_contract(tree, module, planted_import, contract):
    assert lint_imports(tree, contract).returncode == 0
    path = tree / module
    original = path.read_text()
    path.write_text(f"{original}\n{planted_import}  # planted by the test\n")
    try:
        result = lint_imports(tree, contract)
    finally:
        path.write_text(original)
    assert result.returncode != 0, result.stdout
    assert "1 broken" in result.stdout, result.stdout
