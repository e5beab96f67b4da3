"""The scenario loader reports every fault in plain words at file:line:column.

Each file in tests/fixtures/broken/ is a copy of tests/fixtures/minimal.yaml with one fault
(its first line says which). The table below gives, for each, where the loader must point and
what it must say.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import NamedTuple

import pytest
import yaml

from game.core.errors import Problem, ScenarioError
from game.scenario.loader import check_library_file, load_scenario

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures"
BROKEN = FIXTURES / "broken"
BROKEN_REL = "tests/fixtures/broken"


@pytest.fixture(autouse=True)
def _run_from_repo_root(monkeypatch):
    # the loader names files relative to the working directory
    monkeypatch.chdir(REPO)


def problems_of(path: Path) -> list[Problem]:
    with pytest.raises(ScenarioError) as info:
        load_scenario(path)
    assert info.value.problems, "a ScenarioError must carry at least one problem"
    return info.value.problems


class Case(NamedTuple):
    fixture: str  # file name in tests/fixtures/broken without .yaml
    line: int
    column: int | None  # None: only the line is checked
    message: str
    exact: bool = True  # False: `message` need only be part of the problem's message
    file: str | None = None  # the file the problem is in, when not the fixture itself

    @property
    def id(self) -> str:
        return f"{self.fixture}:{self.line}:{self.column}"


def phrase(fixture, line, column, message, **kw) -> Case:
    return Case(fixture, line, column, message, exact=False, **kw)


CASES = [
    # --- YAML syntax ---------------------------------------------------------------------------
    # PyYAML's wording is translated into plain words, at the line where the fault is
    Case("syntax_bad_indent", 39, 16,
         "unexpected ':' here — check the indentation, or put text containing ': ' in quotes"),
    phrase("syntax_tab", 70, 1, "a tab character"),
    Case("syntax_missing_colon", 43, 5, "this line has no ':' — each line of a mapping needs 'key: value'"),
    Case("syntax_unclosed_bracket", 62, 12, "a list opened with '[' is not closed with ']'"),
    Case("syntax_unclosed_quote", 86, 11, "a quote opened here is not closed on the same line"),
    # --- what the loader refuses before parsing --------------------------------------------------
    Case("empty", 1, 1, "the file is empty; a scenario starts with 'format_version: 1'"),
    Case("comments_only", 2, 1, "the file has only comments; a scenario starts with 'format_version: 1'"),
    Case("list_root", 2, 1, "a scenario file must be a mapping of keys (format_version, id, ...)"),
    Case("folder", 1, 1, "is a folder, not a YAML file"),
    Case("non_utf8", 72, 35, "the file is not UTF-8 text (save it as UTF-8 in your editor)"),
    Case("library_file", 3, 7, "this is a library of profiles, not a scenario: include it from a scenario"),
    Case("anchor_alias", 31, 16, "anchors (&name) are not allowed in scenario files"),
    Case("anchor_alias", 39, 16, "anchors and aliases (&name / *name) are not allowed in scenario files; "
                                 "write the value out, or use a profile from a library file"),
    phrase("python_tag", 5, 10, "python/object/apply:builtins.open' are not allowed in scenario files"),
    Case("custom_tag", 94, 11, "YAML tags such as '!include' are not allowed in scenario files"),
    # --- keys ----------------------------------------------------------------------------------
    Case("unknown_key_did_you_mean", 59, 5, "unknown key 'titel' in option — did you mean 'title'?"),
    Case("unknown_key_top_level", 9, 1,
         "unknown key 'difficulty' in scenario; allowed keys: actors, each_turn, end_conditions, "
         "format_version, id, inaction, include, injects, kind, length, lessons, meters, objectives, "
         "options, resources, rules, security_council, situation, stakes, summary, title, tune_rules"),
    Case("duplicate_key", 27, 5, "duplicate key 'trust' (first given on line 26)"),
    Case("duplicate_actor_id", 45, 3, "duplicate key 'POL' (first given on line 36)"),
    Case("duplicate_objective_id", 91, 10, "duplicate id 'united' in objectives"),
    Case("bad_id", 76, 3, "'follow-up now' is not a valid id: use letters, digits and _ "
                          "and start with a letter or _"),
    Case("missing_required_key", 15, 5,
         "meter 'legitimacy' (line 15) is missing the required key 'label': add it here, before 'start'"),
    # --- types and ranges ----------------------------------------------------------------------
    Case("wrong_type_text_for_number", 26, 12, "expected a whole number, got the text 'high'"),
    Case("wrong_type_list_for_mapping", 25, 16, "expected a mapping of keys, got a list"),
    Case("wrong_type_mapping_for_text", 48, 12, "expected text, got a mapping of keys"),
    Case("wrong_type_number_for_condition", 86, 11,
         "expected a condition written as text, got the number '10'"),
    Case("wrong_type_text_for_bool", 44, 15, "expected true or false, got the text 'maybe'"),
    Case("bad_choice", 87, 14,
         "expected one of success, failure, mixed; got the text 'failur' — did you mean 'failure'?"),
    Case("out_of_range_trust", 26, 12, "150 is out of range: must be between 0 and 100"),
    # the author wrote 2; the message says 2.0 (see the report)
    phrase("out_of_range_generosity", 27, 23, "is out of range: must be between 0 and 1"),
    phrase("meter_start_out_of_range", 13, 12, "is outside the meter's range 0..100"),
    phrase("threshold_out_of_range", 17, 17, "is outside the meter's range 0..100"),
    Case("param_default_not_a_value", 68, 18,
         "default 'brigade' is not one of the values: company, battalion"),
    Case("wrong_format_version", 2, 17,
         "format_version 2 is not supported; this version of Consensus reads format_version 1"),
    # --- whole-scenario checks -----------------------------------------------------------------
    Case("inject_no_trigger", 70, 5, "an inject needs a trigger: give 'turn', 'when' or 'after'"),
    Case("after_itself", 78, 12, "inject 'follow_up' follows itself: it can never fire"),
    Case("after_circle", 71, 12, "injects follow each other in a circle (attack -> follow_up -> attack): "
                                 "none of them can ever fire"),
    # --- requirements --------------------------------------------------------------------------
    Case("all_of_typo", 53, 26, "unknown key 'all_off' in requires — did you mean 'all_of'?"),
    Case("all_of_and_direct", 55, 16, "'cyber' is given both directly (line 54) and under all_of: give it once "
                                      "(under all_of if it is indispensable)"),
    Case("all_of_empty", 53, 34, "all_of lists no resources: give resource -> amount, e.g. all_of: {forces: 2}"),
    Case("no_chair", 19, 3, "a scenario needs exactly one actor of kind 'chair' (found 0)"),
    Case("two_chairs", 19, 3, "a scenario needs exactly one actor of kind 'chair' (found 2)"),
    Case("missing_required_meter", 11, 3,
         "the rules 'default' need a meter named 'legitimacy'; add it under meters:"),
    Case("tune_rules_not_mapping", 9, 13, "tune_rules must be a mapping of rules keys to override"),
    # --- references ----------------------------------------------------------------------------
    Case("unknown_actor_private_to", 74, 14, "unknown actor 'ESTT' — did you mean 'EST'?"),
    Case("unknown_actor_hosts", 51, 13, "unknown actor 'SWE'; known: EST, FIN, HUN, POL, SG"),
    Case("unknown_resource", 53, 26, "unknown resource 'tanks'; known: cyber, forces, funds, intel, logistics"),
    Case("unknown_resource_in_all_of", 53, 35, "unknown resource 'logistcs' — did you mean 'logistics'?"),
    Case("unknown_inject_in_after", 78, 12, "unknown inject 'atack' — did you mean 'attack'?"),
    Case("unknown_caveat", 54, 15, "unknown caveat 'time_limt' — did you mean 'time_limit'?"),
    Case("unknown_legal_basis", 61, 19, "unknown legal basis 'collective_defense' — did you mean 'collective_defence'?"),
    Case("unknown_reason_in_red_line", 35, 17, "unknown objection reason 'politics'; known: cost, domestic, "
                                               "legal_basis, operational, sovereignty"),
    Case("unknown_stake", 63, 14, "unknown stake 'deterence' — did you mean 'deterrence'?"),
    Case("unknown_outcome_result", 66, 7, "unknown adjudication result 'win'; known: decisive, failure, "
                                          "partial, success"),
    Case("unknown_rules", 8, 8, "unknown rules 'defualt'; the rules/ folder has: default"),
    # --- includes and profiles -----------------------------------------------------------------
    Case("unknown_profile", 37, 14, "unknown profile 'POL' (no library is included: add 'include:')"),
    Case("missing_include", 9, 11, "included library 'library/nowhere.yaml' not found "
                                   "(looked in tests/fixtures/broken/library/nowhere.yaml)"),
    Case("bad_library_profile", 8, 5, "unknown key 'trsut' in actor — did you mean 'trust'?",
         file=f"{BROKEN_REL}/library/bad.yaml"),
    # --- conditions ----------------------------------------------------------------------------
    # columns point inside the expression: at the second '>=', the '(', the '=' ...
    Case("bad_condition_syntax", 78, 44, "cannot read this condition: invalid syntax"),
    Case("bad_condition_syntax_plain", 86, 23, "cannot read this condition: '(' was never closed"),
    Case("bad_condition_single_equals", 86, 21, "use == to compare, not ="),
    Case("bad_condition_block", 80, 19, "cannot read this condition: invalid syntax"),
    Case("bad_condition_literal", 80, 20, "unknown option 'reinforse' — did you mean 'reinforce'?"),
    Case("unknown_meter_in_condition", 86, 12,
         "unknown name 'cohesoin': not a meter — did you mean 'cohesion'?"),
    Case("unknown_option_in_adopted", 78, 20, "unknown option 'cyber_hlep' — did you mean 'cyber_help'?"),
    Case("unknown_resource_in_condition", 86, 26,
         "unknown resource 'tanks'; known: capital, cyber, forces, funds, intel, logistics"),
    Case("condition_type_error", 86, 12, "expected true/false here, got number"),
    Case("condition_unknown_function", 86, 12, "unknown function 'adoptd' — did you mean 'adopted'?"),
    Case("condition_wrong_arg_count", 86, 12, "trust(...) takes 1 argument(s), got 2"),
    Case("condition_bool_order", 86, 33, "cannot compare true/false with number"),
    Case("condition_quoted_text", 86, 20, 'write ids without quotes: reinforce, not "reinforce"'),
    Case("proposal_function_outside_red_line", 78, 26,
         "host(...) is about a proposal on the table and can only be used in red lines"),
    # --- effects -------------------------------------------------------------------------------
    Case("unknown_inject_in_release", 57, 45, "unknown inject 'folow_up' — did you mean 'follow_up'?"),
    Case("effect_on_unknown_meter", 80, 16, "unknown meter 'severity'; known: cohesion, legitimacy"),
    Case("effect_not_a_change", 80, 16,
         "an effect must change something: e.g. 'severity -= 5' or 'release(inject_id)'"),
    Case("effect_unknown_group", 66, 24,
         "unknown actor (or members, partners, all) 'allies' — did you mean 'all'?"),
    Case("effect_missing_value", 57, 31, "an effect needs a value after -="),
    Case("effect_bare_target", 66, 18, "say how trust(...) changes: e.g. 'trust(...) += 5'"),
    # --- several faults in one file: all reported ----------------------------------------------
    Case("three_faults", 26, 12, "150 is out of range: must be between 0 and 100"),
    Case("three_faults", 54, 15, "unknown caveat 'time_limt' — did you mean 'time_limit'?"),
    Case("three_faults", 86, 12, "unknown name 'cohesoin': not a meter — did you mean 'cohesion'?"),
]


def _params(cases):
    return [c if not isinstance(c, Case) else pytest.param(c, id=c.id) for c in cases]


def _fixture_path(name: str) -> Path:
    return BROKEN / f"{name}.yaml"


@pytest.mark.parametrize("case", _params(CASES))
def test_fault_is_reported_where_it_is(case: Case):
    problems = problems_of(_fixture_path(case.fixture))
    file = case.file or f"{BROKEN_REL}/{case.fixture}.yaml"
    if case.exact and case.column is not None:
        expected = f"{file}:{case.line}:{case.column}: {case.message}"
        assert expected in [str(p) for p in problems]
        return
    hits = [p for p in problems
            if p.file == file and p.line == case.line
            and (case.column is None or p.column == case.column)
            and (p.message == case.message if case.exact else case.message in p.message)]
    assert hits, f"no problem at {file}:{case.line}:{case.column} with {case.message!r}; got:\n" + \
        "\n".join(map(str, problems))


def _case_fixture(c) -> str:
    return (c.values[0] if not isinstance(c, Case) else c).fixture


def test_every_broken_fixture_is_in_the_table():
    on_disk = {p.stem for p in BROKEN.iterdir() if p.suffix == ".yaml"}
    in_table = {_case_fixture(c) for c in CASES}
    assert on_disk == in_table


# One fault, one problem: a fault must not drag a cascade of follow-on errors behind it.
SINGLE = sorted({_case_fixture(c) for c in CASES} - {"three_faults", "anchor_alias"})


@pytest.mark.parametrize("name", SINGLE)
def test_one_fault_gives_one_problem(name):
    """One error per fault (a warning may add a hint, e.g. at a declaration the typo may be in)."""
    problems = problems_of(_fixture_path(name))
    errors = [p for p in problems if p.severity == "error"]
    assert len(errors) == 1, "\n".join(map(str, problems))


def test_all_problems_are_reported_not_just_the_first():
    problems = problems_of(_fixture_path("three_faults"))
    assert [(p.line, p.column) for p in problems] == [(26, 12), (54, 15), (86, 12)]
    with pytest.raises(ScenarioError) as info:
        load_scenario(_fixture_path("three_faults"))
    assert len(str(info.value).splitlines()) == 3
    assert info.value.first.line == 26


def test_anchor_and_alias_are_both_reported():
    problems = problems_of(_fixture_path("anchor_alias"))
    assert [(p.line, p.column) for p in problems] == [(31, 16), (39, 16)]


def test_problems_are_errors_with_one_based_locations():
    for path in sorted(BROKEN.glob("*.yaml")):
        try:
            load_scenario(path)
        except ScenarioError as exc:
            for p in exc.problems:
                assert p.line >= 1 and p.column >= 1, p
                assert p.message and not p.message.startswith("Traceback"), p


# --- valid files -------------------------------------------------------------------------------

VALID = [FIXTURES / "minimal.yaml", FIXTURES / "with_library.yaml",
         *sorted((REPO / "scenarios").glob("*.yaml"))]


@pytest.mark.parametrize("path", VALID, ids=lambda p: str(p.relative_to(REPO)))
def test_valid_files_load_without_problems(path):
    loaded = load_scenario(path)
    # the small fixtures leave national objectives out on purpose (their line numbers are pinned)
    lint = [w for w in loaded.warnings
            if not ("no national objectives" in w.message or "no resources" in w.message) or "scenarios" in str(path)]
    assert lint == []
    assert loaded.scenario.chair
    assert set(loaded.rules.required_meters) <= set(loaded.scenario.meters)


def test_minimal_fixture_has_what_the_broken_copies_rely_on():
    s = load_scenario(FIXTURES / "minimal.yaml").scenario
    kinds = [a.kind for a in s.actors.values()]
    assert kinds.count("chair") == 1 and kinds.count("member") == 3 and kinds.count("partner") == 1
    assert set(s.meters) == {"cohesion", "legitimacy"}
    assert len(s.options) == 2 and len(s.injects) == 2
    assert s.include == () and s.rules == "default"


@pytest.mark.parametrize("path", [FIXTURES / "library" / "small.yaml",
                                  *sorted((REPO / "scenarios" / "library").glob("*.yaml"))],
                         ids=lambda p: p.name)
def test_library_files_check_clean(path):
    assert check_library_file(path) == []


def test_multiline_literal_conditions_load():
    load_scenario(FIXTURES / "multiline_conditions.yaml")


# --- includes and overrides --------------------------------------------------------------------

def test_profile_values_are_used_and_overridden_by_the_scenario():
    actors = load_scenario(FIXTURES / "with_library.yaml").scenario.actors
    est, hun, fin, sg = actors["EST"], actors["HUN"], actors["FIN"], actors["SG"]
    # from the profile
    assert (est.name, est.kind, est.capital) == ("Estonia", "member", 5)
    assert est.interests == {"deterrence": 3, "solidarity": 2}
    assert (fin.kind, fin.programme, fin.sovereignty) == ("partner", "pfp", 2)
    assert (sg.kind, sg.capital) == ("chair", 9)
    # plain values: the scenario wins
    assert est.trust == 40
    assert hun.name == "Hungary (test)" and hun.trust == 50
    # mappings: merged key by key, the scenario winning where both give a key
    assert est.resources == {"forces": 1, "cyber": 5, "intel": 2}
    assert est.bot.generosity == 0.8 and est.bot.intel_sharing == 0.7 and est.bot.holdout == 0.5
    assert est.bot.cost_sensitivity == 0.5  # neither gave it: the default
    assert est.profile == "EST"
    # an actor without a profile is untouched
    assert actors["POL"].profile is None and actors["POL"].resources == {}


def test_included_library_is_part_of_the_sources():
    loaded = load_scenario(FIXTURES / "with_library.yaml")
    assert set(loaded.sources) == {"tests/fixtures/with_library.yaml",
                                   "tests/fixtures/library/small.yaml", "rules/default.yaml"}


def _library_copy(tmp_path: Path, scenario_text: str) -> Path:
    (tmp_path / "library").mkdir()
    shutil.copy(FIXTURES / "library" / "small.yaml", tmp_path / "library" / "small.yaml")
    path = tmp_path / "scenario.yaml"
    path.write_text(scenario_text, encoding="utf-8")
    return path


def test_a_bad_override_is_reported_in_the_scenario(tmp_path):
    text = (FIXTURES / "with_library.yaml").read_text(encoding="utf-8")
    text = text.replace("    trust: 40 ", "    trust: 400")
    path = _library_copy(tmp_path, text)
    problems = problems_of(path)
    assert [(Path(p.file).name, p.line, p.message) for p in problems] == [
        ("scenario.yaml", 18, "400 is out of range: must be between 0 and 100")]


def test_a_bad_profile_value_is_reported_in_the_library(tmp_path):
    path = _library_copy(tmp_path, (FIXTURES / "with_library.yaml").read_text(encoding="utf-8"))
    lib = tmp_path / "library" / "small.yaml"
    lib.write_text(lib.read_text(encoding="utf-8").replace("    trust: 50", "    trust: high"),
                   encoding="utf-8")
    problems = problems_of(path)
    assert [(Path(p.file).name, p.line, p.column, p.message) for p in problems] == [
        ("small.yaml", 22, 12, "expected a whole number, got the text 'high'")]


def _unknown_profile_problems(tmp_path):
    text = (FIXTURES / "with_library.yaml").read_text(encoding="utf-8")
    return problems_of(_library_copy(tmp_path, text.replace("{profile: FIN}", "{profile: FNI}")))


def test_an_unknown_profile_suggests_a_close_one(tmp_path):
    problems = _unknown_profile_problems(tmp_path)
    assert ("scenario.yaml", 25, 18, "unknown profile 'FNI' — did you mean 'FIN'?") in [
        (Path(p.file).name, p.line, p.column, p.message) for p in problems]


def test_an_unknown_profile_is_one_problem(tmp_path):
    assert len(_unknown_profile_problems(tmp_path)) == 1


def test_tune_rules_are_merged_into_the_rules(tmp_path):
    text = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8").replace(
        "rules: default\n",
        "rules: default\ntune_rules:\n  procedure: {negotiation_rounds: 5}\n  costs: {objection: 2}\n")
    path = tmp_path / "tuned.yaml"
    path.write_text(text, encoding="utf-8")
    rules = load_scenario(path).rules
    assert rules.procedure.negotiation_rounds == 5
    assert rules.procedure.amendments_per_round == 3  # untouched keys keep the rules file's values
    assert rules.costs.objection == 2 and rules.costs.mou == 2
    assert "success" in [r.result for r in rules.adjudication.results]


def test_a_bad_tune_rules_value_is_reported_in_the_scenario(tmp_path):
    text = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8").replace(
        "rules: default\n", "rules: default\ntune_rules:\n  procedure: {negotiation_rounds: 50}\n")
    path = tmp_path / "tuned.yaml"
    path.write_text(text, encoding="utf-8")
    problems = problems_of(path)
    assert [(Path(p.file).name, p.line, p.column) for p in problems] == [("tuned.yaml", 10, 35)]
    assert problems[0].message == "50 is out of range: must be between 1 and 10"


# --- loading never executes what the author wrote -----------------------------------------------

MARKER = "consensus_yaml_was_executed.txt"  # what the python_tag fixture would create if executed


def test_the_python_tag_fixture_is_a_real_payload(tmp_path, monkeypatch):
    # proves the next test is not vacuous: an unsafe loader *would* create the file
    monkeypatch.chdir(tmp_path)
    data = yaml.unsafe_load(_fixture_path("python_tag").read_text(encoding="utf-8"))
    data["summary"].close()
    assert (tmp_path / MARKER).exists()


def test_loading_a_python_tag_never_executes_it(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ScenarioError) as info:
        load_scenario(_fixture_path("python_tag"))
    assert "not allowed" in info.value.first.message
    assert not (tmp_path / MARKER).exists()
    assert not (REPO / MARKER).exists()


PAYLOADS = [
    "!!python/object/apply:builtins.open [{path}, w]",
    "!!python/object/apply:os.system ['touch {path}']",
    "!!python/object/new:builtins.open [{path}, w]",
    "!!python/name:os.system",
]


@pytest.mark.parametrize("payload", PAYLOADS)
@pytest.mark.parametrize("where", ["scenario", "library", "tune_rules"])
def test_no_tag_anywhere_is_executed(tmp_path, payload, where):
    target = tmp_path / "executed.txt"
    tagged = payload.format(path=str(target))
    text = (FIXTURES / "with_library.yaml").read_text(encoding="utf-8")
    if where == "scenario":
        text = text.replace("summary: Actors built on profiles from an included library.",
                            f"summary: {tagged}")
    elif where == "tune_rules":
        text += f"tune_rules:\n  title: {tagged}\n"
    path = _library_copy(tmp_path, text)
    if where == "library":
        lib = tmp_path / "library" / "small.yaml"
        lib.write_text(lib.read_text(encoding="utf-8").replace("title: Test profiles", f"title: {tagged}"),
                       encoding="utf-8")
    with pytest.raises(ScenarioError) as info:
        load_scenario(path)
    assert any("not allowed" in p.message for p in info.value.problems), str(info.value)
    assert not target.exists()


def test_oversize_file_is_refused_before_parsing(tmp_path):
    from game.scenario.yaml_source import MAX_FILE_BYTES
    path = tmp_path / "huge.yaml"
    path.write_bytes(b"# padding\n" * (MAX_FILE_BYTES // 10 + 1))
    problems = problems_of(path)
    assert len(problems) == 1 and (problems[0].line, problems[0].column) == (1, 1)
    assert "limited to" in problems[0].message


def test_deep_nesting_is_refused(tmp_path):
    from game.scenario.yaml_source import MAX_DEPTH
    path = tmp_path / "deep.yaml"
    path.write_text("a: " + "[" * (MAX_DEPTH + 5) + "]" * (MAX_DEPTH + 5) + "\n", encoding="utf-8")
    problems = problems_of(path)
    assert len(problems) == 1 and "nesting deeper than" in problems[0].message


def test_missing_file_is_one_plain_problem(tmp_path):
    problems = problems_of(tmp_path / "nowhere.yaml")
    assert [(p.line, p.column, p.message) for p in problems] == [(1, 1, "file not found")]


def test_binary_file_is_refused(tmp_path):
    path = tmp_path / "binary.yaml"
    path.write_bytes(b"format_version: 1\n\x00\x01\x02")
    problems = problems_of(path)
    assert problems[0].message == "this is a binary file, not YAML text"


def test_utf8_with_bom_loads(tmp_path):
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + (FIXTURES / "minimal.yaml").read_bytes())
    assert load_scenario(path).id == "minimal"


def test_fixture_files_are_not_left_behind():
    # the loader must never write next to the files it reads
    assert not any(p.name == MARKER for p in REPO.rglob(MARKER))
    assert os.listdir(BROKEN / "folder.yaml") == ["README"]


# --- a lost line, a cut file: said where the author has to look ----------------------------------
MINIMAL_LINES = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8").split("\n")


def _said(tmp_path, monkeypatch, text: str) -> list[str]:
    monkeypatch.chdir(tmp_path)
    Path("scenario.yaml").write_text(text, encoding="utf-8")
    return [str(p) for p in problems_of(Path("scenario.yaml"))]


def _without(line: int) -> str:
    """minimal.yaml without its 1-based `line`."""
    assert MINIMAL_LINES[line - 1].strip(), "the test must delete a real line"
    return "\n".join(MINIMAL_LINES[:line - 1] + MINIMAL_LINES[line:])


def test_a_missing_key_is_reported_where_it_would_go(tmp_path, monkeypatch):
    # line 35 is the red line's `reason:`, its last key: reported after `when`, not at `- text:`
    assert _said(tmp_path, monkeypatch, _without(35)) == [
        "scenario.yaml:34:9: red line (lines 33-34) is missing the required key 'reason': add it here, after 'when'"]


def test_a_missing_top_level_key_is_reported_where_it_would_go(tmp_path, monkeypatch):
    assert _said(tmp_path, monkeypatch, _without(3)) == [
        "scenario.yaml:3:1: scenario is missing the required key 'id': add it here, before 'title'"]


def test_a_missing_key_follows_the_order_the_other_entries_use(tmp_path, monkeypatch):
    # injects write title, when, text: the other inject says where 'text' goes
    text = _without(72).replace("    when: \"adopted(cyber_help) and turn >= 2\"\n    text: The attacks stop.",
                                "    text: The attacks stop.\n    when: \"adopted(cyber_help) and turn >= 2\"")
    assert _said(tmp_path, monkeypatch, text) == [
        "scenario.yaml:71:5: inject 'attack' (lines 70-74) is missing the required key 'text': add it here, before 'turn'"]


def test_a_lost_actor_line_is_one_problem_not_a_duplicate_for_each_key(tmp_path, monkeypatch):
    said = _said(tmp_path, monkeypatch, _without(40))  # `  FIN:`: Finland's keys join Poland's
    assert ("scenario.yaml:40:5: the keys from here repeat keys of actor 'POL' (name, kind, resources): "
            "is the line that starts a new actor missing above this one?") in said


def test_a_lost_section_line_is_said_at_the_section(tmp_path, monkeypatch):
    # `actors:` deleted: the actors join the meters above them
    assert _said(tmp_path, monkeypatch, _without(18)) == [
        "scenario.yaml:18:3: 'SG' is under 'meters:' (line 10) but looks like an actor: "
        "is the line 'actors:' missing above this one?",
        "scenario.yaml:50:13: unknown actor 'FIN' (the scenario declares no actors)",
        "scenario.yaml:61:13: unknown actor 'POL' (the scenario declares no actors)",
        "scenario.yaml:73:14: unknown actor 'EST' (the scenario declares no actors)"]


def test_lines_left_without_their_key_are_said_where_they_start(tmp_path, monkeypatch):
    # `  cyber_help:` deleted: its keys now sit under `options:`, deeper than `  reinforce:`
    assert _said(tmp_path, monkeypatch, _without(47)) == [
        "scenario.yaml:47:5: lines 47-56 are indented to column 5, deeper than line 57 (column 3): "
        "is a 'key:' line missing above this one, or is this indented too far?"]


def test_a_wrongly_indented_line_is_still_said_at_that_line(tmp_path, monkeypatch):
    text = "\n".join(MINIMAL_LINES).replace("\n  reinforce:", "\n   reinforce:")
    assert _said(tmp_path, monkeypatch, text) == [
        "scenario.yaml:58:4: this line does not line up with the keys above it (check the indentation)"]


def test_a_file_cut_between_sections_says_so_where_it_ends(tmp_path, monkeypatch):
    text = "\n".join(MINIMAL_LINES)
    assert _said(tmp_path, monkeypatch, text[:text.index("\noptions:") + 1]) == [
        "scenario.yaml:44:30: the file seems to end early, here: the scenario has no 'options' (required), "
        "which would come after 'actors' — was it cut off when it was saved or copied?"]


def test_a_file_cut_in_a_line_says_so_where_it_ends(tmp_path, monkeypatch):
    text = "\n".join(MINIMAL_LINES)
    said = _said(tmp_path, monkeypatch, text[:text.index("    title: Follow-up") + len("    title: Follo")])
    assert said == [
        "scenario.yaml:77:5: inject 'follow_up' (line 77) is missing the required key 'text': add it here, "
        "after 'title'",
        "scenario.yaml:77:17: the file seems to end early, here in an unfinished line: the inject 'follow_up' "
        "it ends in has no 'text' — was it cut off when it was saved or copied?"]


def test_a_file_cut_in_its_header_comments_says_so(tmp_path, monkeypatch):
    assert _said(tmp_path, monkeypatch, "# A scenario\n# about a cri") == [
        "scenario.yaml:2:14: the file has only comments (and its last line is unfinished: was it cut off?); "
        "a scenario starts with 'format_version: 1'"]


def test_a_complete_file_with_a_missing_key_is_not_called_cut(tmp_path, monkeypatch):
    text = "\n".join(MINIMAL_LINES)
    text = text[:text.index("\nend_conditions")].replace("    text: The attacks stop.\n", "")
    said = _said(tmp_path, monkeypatch, text)
    assert said == ["scenario.yaml:78:5: inject 'follow_up' (lines 77-79) is missing the required key 'text': "
                    "add it here, before 'when'"]


def test_an_unclosed_single_quote_is_said_where_it_opens(tmp_path, monkeypatch):
    text = "\n".join(MINIMAL_LINES).replace("    title: Reinforce Poland", "    title: 'Reinforce Poland")
    assert _said(tmp_path, monkeypatch, text) == [
        "scenario.yaml:59:12: a quote opened here is not closed on the same line"]


def test_a_doubled_single_quote_inside_quotes_is_not_a_problem(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    text = "\n".join(MINIMAL_LINES).replace("    title: Reinforce Poland", "    title: 'Poland''s battlegroup'")
    Path("scenario.yaml").write_text(text, encoding="utf-8")
    assert load_scenario(Path("scenario.yaml")).scenario.options["reinforce"].title == "Poland's battlegroup"


def _same_nodes(a, b) -> bool:
    if type(a) is not type(b) or a.tag != b.tag or getattr(a, "flow_style", None) != getattr(b, "flow_style", None):
        return False
    marks = lambda n: (n.start_mark.index, n.start_mark.line, n.start_mark.column,  # noqa: E731
                       n.end_mark.index, n.end_mark.line, n.end_mark.column)
    if marks(a) != marks(b):
        return False
    if isinstance(a, yaml.ScalarNode):
        return a.value == b.value and a.style == b.style
    pairs = [p for kv in zip(a.value, b.value) for p in (zip(*kv) if isinstance(a, yaml.MappingNode) else [kv])]
    return len(a.value) == len(b.value) and all(_same_nodes(x, y) for x, y in pairs)


@pytest.mark.parametrize("path", sorted((REPO / "scenarios").rglob("*.yaml")) + sorted((REPO / "rules").glob("*.yaml")),
                         ids=lambda p: p.name)
def test_the_one_pass_reader_builds_what_yaml_compose_builds(path):
    from game.scenario.yaml_source import compose_text
    text = path.read_text(encoding="utf-8")
    ours = compose_text(text, "f")
    assert _same_nodes(yaml.compose(text, Loader=yaml.CSafeLoader), ours)
    assert ours.file == "f" and ours.value[-1][1].file == "f"


# --- keys the format has retired -----------------------------------------------------------------

RETIRED_WARNING = "'consultation_rounds' is no longer used (the engine never read it) and is ignored"


def test_a_retired_rules_key_loads_with_one_warning(tmp_path):
    # rules files (and the rules text that older saves embed) said `consultation_rounds:`, which
    # the engine never read; it is ignored with a warning, not refused as an unknown key
    rules = tmp_path / "rules"
    rules.mkdir()
    text = (REPO / "rules" / "default.yaml").read_text(encoding="utf-8")
    assert "\nprocedure:\n" in text and "consultation_rounds" not in text
    (rules / "default.yaml").write_text(text.replace("\nprocedure:\n", "\nprocedure:\n  consultation_rounds: 2\n", 1),
                                        encoding="utf-8")
    line = text.splitlines().index("procedure:") + 2
    crisis = load_scenario(REPO / "scenarios" / "first_response.yaml", rules_folder=rules)
    assert [(p.line, p.column, p.severity, p.message) for p in crisis.warnings] == [
        (line, 3, "warning", RETIRED_WARNING)]
    assert crisis.warnings[0].file.endswith("default.yaml")
    assert not hasattr(crisis.rules.procedure, "consultation_rounds")


def test_a_retired_key_in_tune_rules_warns_where_the_scenario_says_it(tmp_path):
    text = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8").replace(
        "rules: default\n", "rules: default\ntune_rules:\n  procedure: {consultation_rounds: 2}\n")
    path = tmp_path / "tuned.yaml"
    path.write_text(text, encoding="utf-8")
    retired = [p for p in load_scenario(path).warnings if "consultation_rounds" in p.message]
    assert [(Path(p.file).name, p.line, p.column, p.message) for p in retired] == [
        ("tuned.yaml", 10, 15, RETIRED_WARNING)]


def test_a_key_that_never_was_is_still_an_error(tmp_path):
    text = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8").replace(
        "rules: default\n", "rules: default\ntune_rules:\n  procedure: {consultation_round: 2}\n")
    path = tmp_path / "tuned.yaml"
    path.write_text(text, encoding="utf-8")
    assert [p.message for p in problems_of(path)] == [
        "unknown key 'consultation_round' in procedure; allowed keys: amendments_per_round, "
        "negotiation_rounds, proposals_per_turn, resolution_votes"]
