"""docs/ stays true: every rule has its section, and every file and test it names exists."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RULES = (ROOT / "docs" / "rules.md").read_text()
DOCS = {path.name: path.read_text() for path in (ROOT / "docs").glob("*.md")}


def test_every_rule_r1_to_r26_has_a_section_with_a_status():
    for number in range(1, 27):
        heading = re.search(rf"^## R{number} .+ — (.+)$", RULES, re.MULTILINE)
        assert heading, f"R{number} ontbreekt in docs/rules.md"
        assert heading.group(1) in {"built", "partly built", "not built yet"}


def test_every_test_the_rules_name_exists():
    references = re.findall(r"`([\w/]+\.py)::(test_\w+)`", RULES)
    assert len(references) > 50
    missing = [
        f"{path}::{name}"
        for path, name in references
        if not (ROOT / path).exists() or not re.search(rf"def {name}\b", (ROOT / path).read_text())
    ]
    assert missing == []


def test_every_file_the_docs_name_exists():
    named = {
        path
        for text in DOCS.values()
        for path in re.findall(r"`((?:[\w]+/)+[\w.]+\.(?:py|html|toml))", text)
    }
    assert named
    assert sorted(path for path in named if not (ROOT / path).exists()) == []
