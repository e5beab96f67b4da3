"""Docs that cannot drift: every YAML example in README.md and docs/ validates (a fragment inside the
scenario it comes from), every command line they give runs — for real in a temporary folder where
it can, else its subcommand and every option it uses are checked against `--help` — and the
output they show is what that command prints (figures masked where they come from seeded play).
See tests/docs_examples.py for the markers a page may use."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys

import pytest
import yaml

from game.core import conditions
from game.core.errors import ScenarioError
from game.scenario.loader import check_library_file, load_scenario, names_of
from tests.docs_examples import (
    PAGES, ROOT, Command, appendix, base_of, blocks, commands, condition_lines, kind_of, merged, yaml_blocks,
)

YAML_BLOCKS = yaml_blocks()
COMMANDS = commands()
INTERACTIVE = {None, "seminar", "join", "projector"}  # they open a window or serve until stopped
SEEDED = {"simulate", "sweep"}  # their figures come from seeded play: shown figures are masked


def _workspace(tmp_path, with_cut_lines: bool = True):
    """A folder laid out like the repository for an author: scenarios/ (with the library and the
    guide's Cut Lines), rules/ and docs/ for the schema path."""
    shutil.copytree(ROOT / "scenarios", tmp_path / "scenarios")
    shutil.copytree(ROOT / "docs", tmp_path / "docs")
    if with_cut_lines:
        (tmp_path / "scenarios" / "cut_lines.yaml").write_text(appendix(), encoding="utf-8")
    return tmp_path


def _problems(exc: ScenarioError) -> str:
    return "\n".join(str(p) for p in exc.problems if p.severity == "error")


# --- YAML examples -----------------------------------------------------------------------------

@pytest.mark.parametrize("block", YAML_BLOCKS, ids=lambda b: b.where)
def test_every_yaml_example_in_the_docs_validates(block, tmp_path):
    ws = _workspace(tmp_path)
    kind = kind_of(block)
    if kind == "comment":  # the editor's schema line, as written at the top of a file in scenarios/
        schema = re.search(r"\$schema=(\S+)", block.text)
        assert schema and (ws / "scenarios" / schema.group(1)).resolve().is_file(), \
            f"{block.where}: the schema path does not resolve from scenarios/"
        return
    if kind == "library":
        path = ws / "scenarios" / "library" / "example.yaml"
        path.write_text(block.text, encoding="utf-8")
        errors = [p for p in check_library_file(path) if p.severity == "error"]
        assert not errors, f"{block.where}: " + "\n".join(map(str, errors))
        return
    if kind == "conditions":
        crisis = load_scenario(_write(ws, *base_of(block)))
        names = names_of(crisis)
        for what, text in condition_lines(block):
            tree = conditions.parse(text, what)
            try:
                if what == "effect":
                    conditions.compile_effect(tree, names)
                else:
                    conditions.compile_condition(tree, names, False)
            except conditions.ExprError as exc:
                pytest.fail(f"{block.where}: {what} '{text}': {exc}")
        return
    if kind == "scenario":
        text, name = block.text, "scenarios/example.yaml"
    else:
        base_text, name = base_of(block)
        data = merged(yaml.safe_load(base_text), yaml.safe_load(block.text))
        text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    try:
        load_scenario(_write(ws, text, name))
    except ScenarioError as exc:
        pytest.fail(f"{block.where} ({kind}{'' if kind == 'scenario' else ' in ' + name}) does not validate:\n"
                    + _problems(exc))


def _write(ws, text: str, name: str):
    path = ws / "scenarios" / f"example_{name.replace('/', '_')}"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_broken_example_fails_the_docs_test(tmp_path):
    """The check above fails when an example stops validating (here: a misspelt resource)."""
    block = next(b for b in YAML_BLOCKS if b.page.name == "format.md" and "reinforce_romania:" in b.text)
    broken = type(block)(block.page, block.line, block.lang, block.text.replace("logistics", "logistcs"),
                         block.markers)
    with pytest.raises(pytest.fail.Exception, match="unknown resource 'logistcs'"):
        test_every_yaml_example_in_the_docs_validates(broken, tmp_path)


def test_every_yaml_looking_example_is_marked_yaml():
    """An example written without ```yaml would escape the check above."""
    keys = {"format_version", "meters", "actors", "options", "injects", "end_conditions", "objectives",
            "lessons", "tune_rules", "security_council", "each_turn", "inaction", "include"}
    for page in PAGES:
        for b in blocks(page):
            if b.lang in ("", "text") and re.match(r"^(\w+):", b.text) and b.text.split(":")[0] in keys:
                pytest.fail(f"{b.where}: a YAML example not marked ```yaml")


# --- command lines -----------------------------------------------------------------------------

def _run(args: list[str], cwd, script: str = "play.py", timeout: int = 300):
    return subprocess.run([sys.executable, str(ROOT / script), *args], cwd=cwd, capture_output=True,
                          text=True, timeout=timeout)


def _subcommand(cmd: Command) -> str | None:
    first = cmd.args[0] if cmd.args else None
    return first if first and not first.startswith("-") and not first.endswith((".yaml", ".yml")) and \
        cmd.script == "play.py" else None


def _options(cmd: Command) -> list[str]:
    return [w.strip("[]").split("=")[0] for w in cmd.args if w.strip("[]").startswith("-")]


def _help_checked(cmd: Command, cwd) -> None:
    sub = _subcommand(cmd)
    r = _run([sub, "--help"] if sub else ["--help"], cwd, cmd.script)
    assert r.returncode == 0, f"{cmd.where}: `{cmd.text}`: {r.stderr}"
    missing = [o for o in _options(cmd) if not re.search(rf"(^|[\s,\[]){re.escape(o)}\b", r.stdout)]
    assert not missing, f"{cmd.where}: `{cmd.text}` uses {', '.join(missing)}, which its --help does not list"


def _output_after(cmd: Command) -> str | None:
    """The output a page shows for a command: the plain block right after its ```sh block (or one
    marked `<!-- output of: ... -->`), unless that block is marked illustrative."""
    page_blocks = blocks(cmd.page)
    for i, b in enumerate(page_blocks):
        if b.lang == "sh" and b.line < cmd.line <= b.line + b.text.count("\n") + 1:
            following = page_blocks[i + 1] if i + 1 < len(page_blocks) else None
            gap = cmd.page.read_text(encoding="utf-8").splitlines()[cmd.line:following.line - 1] if following else []
            if following and following.lang == "" and len(gap) <= 4 and "output" not in following.markers:
                return following.text
    return None


def _mask(line: str) -> str:
    return " ".join(re.sub(r"-?\d+(\.\d+)?", "#", line).split())


def _shows(shown: str, printed: str, seeded: bool) -> list[str]:
    """Lines of `shown` missing from `printed` (in order; numbers masked for seeded figures)."""
    norm = _mask if seeded else str.rstrip
    out = [norm(x) for x in printed.splitlines()]
    missing, at = [], 0
    for line in (x for x in shown.splitlines() if x.strip()):
        want = norm(line)
        try:
            at = out.index(want, at) + 1
        except ValueError:
            missing.append(line)
    return missing


RUNNABLE = [c for c in COMMANDS if not c.placeholders and c.script == "play.py"
            and _subcommand(c) not in INTERACTIVE and len(c.args) > 1]


@pytest.mark.parametrize("cmd", [c for c in COMMANDS if c not in RUNNABLE], ids=lambda c: f"{c.where} {c.text}")
def test_every_command_line_shown_exists_with_its_options(cmd, tmp_path):
    _help_checked(cmd, tmp_path)


_RUNS: dict[str, subprocess.CompletedProcess] = {}


def _real_run(cmd: Command, tmp_path) -> subprocess.CompletedProcess:
    """The command run in a fresh workspace (once per test session: the same line gives the same
    output, seeded play included)."""
    if cmd.text not in _RUNS:
        ws = _workspace(tmp_path, with_cut_lines=_subcommand(cmd) != "new")
        _RUNS[cmd.text] = _run(cmd.args, ws)
    return _RUNS[cmd.text]


@pytest.mark.parametrize("cmd", RUNNABLE, ids=lambda c: f"{c.where} {c.text}")
def test_every_command_line_shown_runs_and_prints_what_the_page_shows(cmd, tmp_path):
    _help_checked(cmd, tmp_path)
    r = _real_run(cmd, tmp_path)
    assert r.returncode == 0, f"{cmd.where}: `{cmd.text}` failed:\n{r.stdout[-2000:]}\n{r.stderr[-2000:]}"
    shown = _output_after(cmd)
    if shown is not None:
        missing = _shows(shown, r.stdout, _subcommand(cmd) in SEEDED)
        assert not missing, f"{cmd.where}: `{cmd.text}` no longer prints:\n" + "\n".join(missing[:10])


OUTPUTS = [b for page in PAGES for b in blocks(page) if "output" in b.markers and b.markers["output"].startswith("of:")]


@pytest.mark.parametrize("block", OUTPUTS, ids=lambda b: b.where)
def test_an_output_shown_apart_from_its_command_is_what_it_prints(block, tmp_path):
    line = block.markers["output"][len("of:"):].strip()
    cmd = Command(block.page, block.line, line)
    assert not cmd.placeholders, f"{block.where}: `{line}` is a form, not a command to run"
    r = _real_run(cmd, tmp_path)
    assert r.returncode == 0, r.stderr
    missing = _shows(block.text, r.stdout, _subcommand(cmd) in SEEDED)
    assert not missing, f"{block.where}: `{line}` no longer prints:\n" + "\n".join(missing[:10])


def test_the_readme_test_command_is_what_ci_runs():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    test_line = next(b.text.strip() for b in blocks(ROOT / "README.md") if b.lang == "sh" and "pytest" in b.text)
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    ci_lines = [" ".join(w for w in ln.split() if w not in ("--quiet", "-q")) for ln in ci.splitlines()]
    for part in (p.strip() for p in test_line.split("&&")):
        if part.startswith(("pip install", "python -m pytest")):
            assert part in ci_lines, f"README's `{part}` is not what .ci/run runs"
    assert "docs/authoring.md" in "\n".join(readme.splitlines()[:24]), \
        "the README's first screen (24 lines) must link the authoring guide"


def test_every_option_named_in_the_docs_is_an_option_of_some_command(tmp_path):
    """`--turns`, `--plain` ...: an option named in passing must still exist."""
    from game.cli import build_parser
    parser = build_parser()
    helps = [parser.format_help()]
    sub = next(a for a in parser._actions if a.dest == "command")  # argparse keeps subparsers here
    helps += [p.format_help() for p in sub.choices.values()]
    for script in sorted((ROOT / "bench").glob("*.py")):
        if "argparse" in script.read_text(encoding="utf-8"):
            helps.append(_run(["--help"], tmp_path, f"bench/{script.name}").stdout)
    known = set(re.findall(r"(?<![\w-])(--?[a-z][\w-]*)", "\n".join(helps)))
    named = []
    for page in PAGES:
        text = page.read_text(encoding="utf-8")
        for m in re.finditer(r"`(--?[a-z][\w-]*)[^`]*`", text):
            named.append((f"{page.relative_to(ROOT)}:{text.count(chr(10), 0, m.start()) + 1}", m.group(1)))
    unknown = [f"{where}: {flag}" for where, flag in named if flag not in known]
    assert not unknown, "options the docs name that no command has:\n" + "\n".join(unknown)
