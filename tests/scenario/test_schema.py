"""The JSON Schema for editors: generated from the model, kept in the repository, and agreeing
with the loader on the shipped scenarios and on structural mistakes."""
import json

import jsonschema
import pytest
import yaml

from game.core.errors import ScenarioError
from game.scenario.loader import load_scenario
from game.scenario.schema import schema_text
from tests.conftest import ROOT

SCHEMA_FILE = ROOT / "docs" / "scenario.schema.json"
SHIPPED = sorted((ROOT / "scenarios").rglob("*.yaml"))
STRUCTURAL = ["unknown_key_did_you_mean", "unknown_key_top_level", "wrong_type_text_for_number",
              "wrong_type_list_for_mapping", "wrong_type_mapping_for_text", "wrong_type_text_for_bool",
              "missing_required_key", "bad_choice", "out_of_range_trust", "out_of_range_generosity", "bad_id",
              "all_of_typo", "all_of_empty"]


@pytest.fixture(scope="module")
def validator():
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_committed_schema_is_up_to_date():
    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema_text(), \
        "docs/scenario.schema.json is stale: run `python play.py schema -o docs/scenario.schema.json`"


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_shipped_files_pass_the_schema_and_name_it(path, validator):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(data)]
    assert not errors, "\n".join(errors[:5])
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# yaml-language-server: $schema=") and first.endswith("scenario.schema.json")


@pytest.mark.parametrize("name", STRUCTURAL)
def test_structural_mistakes_are_rejected_by_schema_and_loader(name, validator):
    path = ROOT / "tests" / "fixtures" / "broken" / f"{name}.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert list(validator.iter_errors(data)), f"the schema accepts {name}"
    with pytest.raises(ScenarioError):
        load_scenario(path)


def test_minimal_fixture_passes_both(validator):
    path = ROOT / "tests" / "fixtures" / "minimal.yaml"
    assert not list(validator.iter_errors(yaml.safe_load(path.read_text(encoding="utf-8"))))
    load_scenario(path)


def _schema_keys(node, out=None):
    out = set() if out is None else out
    if isinstance(node, dict):
        for k, v in node.get("properties", {}).items():
            out.add(k)
            _schema_keys(v, out)
        for v in node.values():
            _schema_keys(v, out)
    elif isinstance(node, list):
        for v in node:
            _schema_keys(v, out)
    return out


def test_reference_is_current_and_names_every_schema_key():
    from game.core.conditions import EFFECT_CALLS, EFFECT_TARGETS, FUNCTIONS
    from game.scenario.reference_doc import reference_markdown
    ref = (ROOT / "docs" / "reference.md").read_text(encoding="utf-8")
    assert ref == reference_markdown(), "docs/reference.md is stale: run `python play.py reference -o docs/reference.md`"
    missing = sorted(k for k in _schema_keys(json.loads(SCHEMA_FILE.read_text())) if f"`{k}`" not in ref)
    assert not missing, f"keys in the schema but not in docs/reference.md: {missing}"
    for name in [*FUNCTIONS, *EFFECT_TARGETS, *EFFECT_CALLS]:
        assert f"`{name}(" in ref
