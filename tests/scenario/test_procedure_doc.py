"""docs/reference.md's "How the rules model NATO procedure" names real tests and real rules, and
leaves out no rule of the legal frame (game.scenario.procedure_doc holds the table)."""
import ast

import pytest

from game.core.procedure import RULES
from game.scenario.procedure_doc import FACTS, LEGAL_FRAME, procedure_markdown
from tests.conftest import ROOT

RULE_IDS = {r.id for r in RULES}


def _test_functions(path: str) -> set[str]:
    tree = ast.parse((ROOT / path).read_text(encoding="utf-8"))
    return {n.name for n in tree.body if isinstance(n, ast.FunctionDef) and n.name.startswith("test_")}


@pytest.mark.parametrize("path", sorted({p for f in FACTS for p, _ in f.tests}))
def test_every_test_the_table_names_exists(path):
    named = {name for f in FACTS for p, name in f.tests if p == path}
    missing = named - _test_functions(path)
    assert not missing, f"{path} has no {sorted(missing)}"


def test_every_rule_the_table_names_is_one_the_engine_cites():
    unknown = {f.rule for f in FACTS} - RULE_IDS
    assert not unknown, f"not in game.core.procedure.RULES: {sorted(unknown)}"


def test_every_rule_of_the_legal_frame_is_in_the_table():
    assert LEGAL_FRAME <= RULE_IDS, f"legal-frame ids the engine no longer has: {sorted(LEGAL_FRAME - RULE_IDS)}"
    missing = LEGAL_FRAME - {f.rule for f in FACTS}
    assert not missing, f"rules of the legal frame with no fact in the table: {sorted(missing)}"


def test_every_fact_is_checked_sourced_and_says_what_it_simplifies():
    for f in FACTS:
        assert f.fact and f.tests and f.sources and f.simplifies, f.fact


def test_the_section_quotes_each_rules_sentence_and_lists_every_rule():
    page = "\n".join(procedure_markdown())
    ref = (ROOT / "docs" / "reference.md").read_text(encoding="utf-8")
    assert page in ref
    for r in RULES:
        assert f"- `{r.id}` — {r.text}" in page
    for f in FACTS:
        assert next(r for r in RULES if r.id == f.rule).text in page
