"""Load a scenario with its libraries and rules, check everything, and hand the engine trusted data.

Here: reading the files (the scenario, its included libraries of profiles, its rules and their
tuning, merged node by node so every value keeps its file, line and column), structuring them, and
the problems of a file's shape (a section's line lost, a file cut short). The names and references
are checked in game.scenario.references, the meaning and the lint in game.scenario.lint."""
from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from pathlib import Path

import attrs
import yaml

from game.core.errors import Problem, ScenarioError, did_you_mean
from game.core.model.rules import Rules
from game.core.model.scenario import Actor, Parameter, Scenario
from game.scenario.lint import check_semantics
from game.core.model.crisis import LoadedScenario
from game.scenario.paths import rules_dir
from game.scenario.references import DECLARED_UNDER, PLURAL, check_references, names_of
from game.scenario.structure import INVALID, KEY_ORDER, Ctx, _hints, mapping_get, mapping_items, structure
from game.scenario.yaml_source import compose_file, display_name

__all__ = ["FORMAT_VERSION", "LoadedScenario", "load_scenario", "load_saved_version", "check_library_file",
           "content_digest", "merge_nodes", "names_of"]  # LoadedScenario and names_of: callers import them here

FORMAT_VERSION = 1
# the order scenario files write their top-level keys in (scenarios/*.yaml, docs/format.md): where
# a required one is missing, the problem points where it would go
KEY_ORDER[Scenario] = (
    "format_version", "kind", "id", "title", "summary", "situation", "length", "rules", "include",
    "tune_rules", "security_council", "resources", "stakes", "meters", "actors", "options", "injects",
    "each_turn", "inaction", "end_conditions", "objectives", "lessons")
KEY_ORDER[Parameter] = ("label", "default", "values")


def merge_nodes(base: yaml.MappingNode, over: yaml.MappingNode) -> yaml.MappingNode:
    """Deep-merge two mappings: keys in `over` win; mappings present in both merge recursively.
    Every value keeps its own file, line and column."""
    over_keys = {k.value for k, _ in over.value if isinstance(k, yaml.ScalarNode)}
    base_map = {k.value: v for k, v in base.value if isinstance(k, yaml.ScalarNode)}
    items = [(k, v) for k, v in base.value if not (isinstance(k, yaml.ScalarNode) and k.value in over_keys)]
    merged_once: set[str] = set()
    for k, v in over.value:
        b = base_map.get(k.value) if isinstance(k, yaml.ScalarNode) else None
        if isinstance(b, yaml.MappingNode) and isinstance(v, yaml.MappingNode) and k.value not in merged_once:
            merged_once.add(k.value)
            v = merge_nodes(b, v)
        items.append((k, v))
    node = yaml.MappingNode(over.tag, items, over.start_mark, over.end_mark)
    node.file = getattr(over, "file", "<string>")
    return node


def _require_mapping(root, name: str, what: str, text: str = "") -> yaml.MappingNode:
    if root is None and text.strip():  # comments only: say so where they end
        if text.endswith("\n"):
            line, col = _last_content_line(text)[0] + 1, 1
            cut = ""
        else:
            line, col = text.count("\n") + 1, len(text) - (text.rfind("\n") + 1) + 1
            cut = " (and its last line is unfinished: was it cut off?)"
        raise ScenarioError([Problem(name, line, col, f"the file has only comments{cut}; "
                                                      f"a {what} starts with 'format_version: 1'")])
    if root is None:
        raise ScenarioError([Problem(name, 1, 1, f"the file is empty; a {what} starts with 'format_version: 1'")])
    if not isinstance(root, yaml.MappingNode):
        raise ScenarioError([Problem(name, root.start_mark.line + 1, root.start_mark.column + 1,
                                     f"a {what} file must be a mapping of keys (format_version, id, ...)")])
    return root


class _Loader:
    def __init__(self, rules_folder: Path | None = None, composed: tuple | None = None, path: Path | None = None) -> None:
        self.composed = {display_name(path): composed} if composed is not None and path is not None else {}
        self.sources: dict[str, str] = {}
        self.ctx = Ctx(self.sources)
        self.rules_folder = rules_folder or rules_dir()

    def compose(self, path: Path) -> yaml.Node | None:
        name = display_name(path)
        root, text = self.composed.pop(name, None) or compose_file(path, name)  # a file given composed: once
        self.sources[name] = text
        return root

    # -- libraries -------------------------------------------------------------------------
    def library_profiles(self, root: yaml.MappingNode, base_dir: Path) -> dict[str, yaml.MappingNode]:
        profiles: dict[str, yaml.MappingNode] = {}
        inc = mapping_get(root, "include")
        if inc is None:
            return profiles
        if not isinstance(inc, yaml.SequenceNode):
            return profiles  # structuring reports the wrong type
        for item in inc.value:
            if not isinstance(item, yaml.ScalarNode):
                continue
            path = (base_dir / item.value)
            try:
                lib = self.compose(path)
            except ScenarioError as exc:
                if exc.first.message == "file not found":
                    self.ctx.error(item, f"included library '{item.value}' not found (looked in {display_name(path)})")
                    continue
                raise
            lib = _require_mapping(lib, display_name(path), "library", self.sources.get(display_name(path), ""))
            for name, node in self.check_library(lib).items():
                profiles[name] = node
        return profiles

    def check_library(self, lib: yaml.MappingNode) -> dict[str, yaml.MappingNode]:
        ctx = self.ctx
        found: dict[str, yaml.MappingNode] = {}
        keys = {k: (kn, v) for k, kn, v in mapping_items(lib, ctx)}
        for key, (kn, _v) in keys.items():
            if key not in ("format_version", "kind", "profiles", "title"):
                ctx.error(kn, f"unknown key '{key}' in a library; allowed keys: format_version, kind, profiles, title")
        kind = keys.get("kind")
        if kind is None or kind[1].value != "library":
            ctx.error(lib, "a library file needs 'kind: library'")
        fv = keys.get("format_version")
        if fv is None or fv[1].value != str(FORMAT_VERSION):
            ctx.error(fv[1] if fv else lib, f"a library needs format_version: {FORMAT_VERSION}")
        prof = keys.get("profiles")
        if prof is None or not isinstance(prof[1], yaml.MappingNode):
            ctx.error(prof[1] if prof else lib, "a library needs 'profiles:', a mapping of actor id -> profile")
            return found
        for name, kn, node in mapping_items(prof[1], ctx):
            if isinstance(node, yaml.MappingNode):
                found[name] = node
            else:
                ctx.error(node, f"profile '{name}' must be a mapping of actor keys")
        return found

    # -- rules -----------------------------------------------------------------------------
    def rules_node(self, root: yaml.MappingNode) -> yaml.MappingNode | None:
        ctx = self.ctx
        rn = mapping_get(root, "rules")
        name = rn.value if isinstance(rn, yaml.ScalarNode) else "default"
        path = self.rules_folder / f"{name}.yaml"
        if not path.is_file():
            available = ", ".join(sorted(p.stem for p in self.rules_folder.glob("*.yaml")))
            ctx.error(rn or root, f"unknown rules '{name}'; the rules/ folder has: {available}")
            return None
        node = _require_mapping(self.compose(path), display_name(path), "rules",
                                self.sources.get(display_name(path), ""))
        rules_file = display_name(path)
        tune = mapping_get(root, "tune_rules")
        if isinstance(tune, yaml.MappingNode):
            node = merge_nodes(node, tune)
        elif tune is not None and not (isinstance(tune, yaml.ScalarNode) and tune.tag.endswith("null")):
            ctx.error(tune, "tune_rules must be a mapping of rules keys to override")
        node.rules_file = rules_file  # where the rules came from (a tuned copy carries the scenario's name)
        return node


def load_scenario(path: str | Path, rules_folder: Path | None = None, *, composed: tuple | None = None) -> LoadedScenario:
    """Load and check one scenario file. Raises ScenarioError listing every problem found.
    `composed`: the file's (root node, text) from compose_file, when the caller has read it already."""
    path = Path(path)
    ld = _Loader(rules_folder, composed, path)
    root = _require_mapping(ld.compose(path), display_name(path), "scenario", ld.sources.get(display_name(path), ""))
    kind = mapping_get(root, "kind")
    if isinstance(kind, yaml.ScalarNode) and kind.value == "library":
        raise ScenarioError([Problem(display_name(path), kind.start_mark.line + 1, kind.start_mark.column + 1,
                                     "this is a library of profiles, not a scenario: include it from a scenario")])
    profiles = ld.library_profiles(root, path.parent)
    ctx = ld.ctx
    # actors built on profiles: merge the profile under the actor's own keys
    actors = mapping_get(root, "actors")
    if isinstance(actors, yaml.MappingNode):
        new_items = []
        for k, v in actors.value:
            if isinstance(v, yaml.MappingNode):
                pn = mapping_get(v, "profile")
                if isinstance(pn, yaml.ScalarNode) and pn.tag.endswith("str"):
                    if pn.value in profiles:
                        v = merge_nodes(profiles[pn.value], v)
                    else:
                        hint = "" if profiles or mapping_get(root, "include") is not None else \
                            " (no library is included: add 'include:')"
                        ctx.error(pn, f"unknown profile '{pn.value}'{hint}{did_you_mean(pn.value, profiles)}")
                        v.incomplete = True  # its other missing keys would have come from the profile
            new_items.append((k, v))
        actors.value[:] = new_items
    _misplaced_sections(root, ctx)
    rules_node = ld.rules_node(root)
    rules = structure(rules_node, Rules, ctx) if rules_node is not None else INVALID
    scenario = structure(root, Scenario, ctx)
    check_references(root, rules_node, ctx)
    if scenario is not INVALID and rules is not INVALID:
        check_semantics(scenario, rules, ctx)
    errors = [p for p in ctx.problems if p.severity == "error"]
    if errors or scenario is INVALID or rules is INVALID:
        _ends_early(root, ld.sources.get(getattr(root, "file", ""), ""), ctx)
        raise ScenarioError(ctx.problems if ctx.problems else [Problem(display_name(path), 1, 1, "could not be loaded")])
    digest = content_digest(ld.sources)
    return LoadedScenario(scenario, rules, display_name(path), dict(ld.sources), digest,
                          tuple(p for p in ctx.problems if p.severity != "error"))


def _sections() -> dict[str, type]:
    """The scenario's sections of named entries (meters, actors ...): key -> the class of an entry."""
    out = {}
    for name, tp in _hints(Scenario).items():
        args = getattr(tp, "__args__", ())
        if getattr(tp, "__origin__", None) is dict and len(args) == 2 and attrs.has(args[1]):
            out[name] = args[1]
    return out


def _misplaced_sections(root: yaml.MappingNode, ctx: Ctx) -> None:
    """Where a section's own line ('meters:') is lost, its entries join the section above: say so
    at the first entry that has keys its section does not know and that the missing one does."""
    sections = _sections()
    present = {k.value for k, _ in root.value if isinstance(k, yaml.ScalarNode)}
    absent = [name for name in sections if name not in present]
    if not absent:
        return
    allowed = {name: {f.name for f in attrs.fields(cls) if f.init and not f.name.startswith("_")}
               for name, cls in sections.items()}
    explained = set()
    for k, section in root.value:
        if not (isinstance(k, yaml.ScalarNode) and k.value in sections and isinstance(section, yaml.MappingNode)):
            continue
        for ek, entry in section.value:
            if not isinstance(entry, yaml.MappingNode):
                continue
            keys = {kk.value for kk, _ in entry.value if isinstance(kk, yaml.ScalarNode)}
            if keys <= allowed[k.value]:
                continue
            lost = next((name for name in absent if name not in explained and keys <= allowed[name]), None)
            if lost is None:
                continue
            explained.add(lost)
            after = [e for kk, e in section.value if kk.start_mark.index >= ek.start_mark.index]
            for e in after:  # the rest of the section is the lost one's too: one problem says it
                e.misplaced = True
            label = sections[lost].__label__
            article = "an" if label[0] in "aeiou" else "a"
            at = ek.start_mark.line  # 0-based; the lost line went above any comments over the entry
            lines = ctx.sources.get(getattr(ek, "file", ""), "").split("\n")
            while 0 < at < len(lines) and lines[at - 1].strip().startswith("#"):
                at -= 1
            name = f"'{ek.value}'" + (f" (line {ek.start_mark.line + 1})" if at != ek.start_mark.line else "")
            ctx.problems.append(Problem(
                getattr(ek, "file", "<string>"), at + 1, ek.start_mark.column + 1,
                f"{name} is under '{k.value}:' (line {k.start_mark.line + 1}) but looks like {article} {label}: "
                f"is the line '{lost}:' missing above this one?"))
    root.explained = explained


def _last_content_line(text: str) -> tuple[int, int]:
    """(line, column), 1-based, just after the last character of a text that is not blank."""
    body = text.rstrip()
    line = body.count("\n") + 1
    return line, len(body) - (body.rfind("\n") + 1) + 1


def _listed(names: list[str], most: int = 3) -> str:
    shown = [f"'{n}'" for n in names[:most]]
    if len(names) > most:
        shown.append(f"{len(names) - most} more")
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " and " + shown[-1]


def _ends_early(root: yaml.MappingNode, text: str, ctx: Ctx) -> None:
    """A file cut short (a partial save or copy) fails through its consequences: sections missing,
    names used above and declared in the part that is gone, an entry left without its keys. When
    the problems look like that, say so once, where the file ends."""
    if not text.strip():
        return
    file = getattr(root, "file", "<string>")
    unfinished = not text.endswith("\n")
    present = [k.value for k, _ in root.value if isinstance(k, yaml.ScalarNode)]
    order = KEY_ORDER[Scenario]
    required = [f.name for f in attrs.fields(Scenario) if f.default is attrs.NOTHING and f.init]
    lacking = [k for k in order if k in required and k not in present]
    last_given = max((order.index(k) for k in present if k in order), default=-1)
    reasons = []
    if lacking and all(order.index(k) > last_given for k in lacking):
        said = {id(p) for node, _w, key, p in ctx.missing if node is root and key in lacking}
        ctx.problems[:] = [p for p in ctx.problems if id(p) not in said]  # said below, in fewer words
        reasons.append(f"the scenario has no {_listed(lacking)} (required), which would come after "
                       f"'{order[last_given]}'" if last_given >= 0 else f"the scenario has no {_listed(lacking)}")
    last_section = next((k.value for k, _ in reversed(root.value) if isinstance(k, yaml.ScalarNode)), None)
    cut_names: dict[str, list[str]] = {}
    for kind, name, _line in ctx.unknown:
        section = DECLARED_UNDER.get(kind)
        if section is not None and (section not in present or section == last_section):
            cut_names.setdefault(kind, [])
            if name not in cut_names[kind]:
                cut_names[kind].append(name)
    end = len(text.rstrip())
    cut_entry = [(node.start_mark.index, what, key) for node, what, key, _p in ctx.missing
                 if node is not root and getattr(node, "file", None) == file and node.end_mark.index >= end]
    if cut_entry:
        _start, what, key = max(cut_entry, key=lambda c: c[0])  # the innermost
        reasons.append(f"the {what} it ends in has no '{key}'")
    last_key, last = None, root
    while isinstance(last, (yaml.MappingNode, yaml.SequenceNode)) and last.value:
        last_key, last = last.value[-1] if isinstance(last, yaml.MappingNode) else (last_key, last.value[-1])
    open_end = (isinstance(last, yaml.ScalarNode) and last.tag.endswith(":null") and not last.value
                and isinstance(last_key, yaml.ScalarNode) and last_key.start_mark.index >= text.rfind("\n", 0, end))
    if open_end:
        reasons.append(f"'{last_key.value}:' on its last line has nothing under it")
    if cut_names and (unfinished or cut_entry or reasons):
        reasons.append("names used above are declared nowhere (" + "; ".join(
            f"{PLURAL.get(kind, kind + 's') if len(names) > 1 else kind} {_listed(names)}"
            for kind, names in cut_names.items()) + ")")
    if not reasons or not (unfinished or len(reasons) > 1 or reasons[0].startswith("the scenario has no")):
        return
    line, col = _last_content_line(text)
    if unfinished:
        line = text.count("\n") + 1
        col = len(text) - (text.rfind("\n") + 1) + 1
    ctx.problems.append(Problem(
        file, line, col, f"the file seems to end early, here{' in an unfinished line' if unfinished else ''}: "
        + "; ".join(reasons) + " — was it cut off when it was saved or copied?"))


def content_digest(sources: dict[str, str]) -> str:
    """Identifies the exact texts a game was played with, wherever the files lie."""
    return hashlib.sha256("\0".join(sorted(sources.values())).encode()).hexdigest()


def load_saved_version(head: dict) -> LoadedScenario:
    """The scenario exactly as a save embedded it (its own copy of the scenario, libraries and
    rules), rebuilt in a private temporary folder. Refuses paths that would leave that folder."""
    sources: dict[str, str] = head.get("sources") or {}
    if not sources:
        raise ScenarioError([Problem(head.get("scenario_path", "save"), 1, 1, "the save embeds no scenario")])
    base = Path(tempfile.mkdtemp(prefix="consensus-saved-"))
    root = base.joinpath(*["d"] * 8)  # room for '..' in the names the files were saved under
    scenario_file = rules_folder = None
    wanted = Path(head.get("scenario_path", "")).name
    for name, text in sources.items():
        rel = name.lstrip("/\\")
        target = Path(os.path.normpath(root / rel))
        if base not in target.parents:
            raise ScenarioError([Problem(name, 1, 1, "a file name in the save points outside its folder")])
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        if target.parent.name == "rules" and "kind: rules" in text:
            rules_folder = target.parent
        elif target.name == wanted and scenario_file is None:
            scenario_file = target
    try:
        if scenario_file is None:
            raise ScenarioError([Problem(head.get("scenario_path", "save"), 1, 1,
                                         "the save's scenario text is missing")])
        try:
            return load_scenario(scenario_file, rules_folder)  # everything is read into memory here
        except ScenarioError as exc:  # an older format: say so once, where the player can act on it
            errors = [p for p in exc.problems if p.severity == "error"] or exc.problems
            where = f"{Path(errors[0].file).name}:{errors[0].line}:{errors[0].column}"
            raise ScenarioError([Problem(head.get("scenario_path", "save"), 1, 1,
                                         "this game was saved under rules this version no longer reads "
                                         f"({where}: {errors[0].message}); it cannot be replayed here")]) from None
    finally:
        shutil.rmtree(base, ignore_errors=True)


def check_library_file(path: str | Path, *, composed: tuple | None = None) -> list[Problem]:
    ld = _Loader(composed=composed, path=Path(path))
    root = _require_mapping(ld.compose(Path(path)), display_name(Path(path)), "library",
                            ld.sources.get(display_name(Path(path)), ""))
    profiles = ld.check_library(root)
    for name, node in profiles.items():
        # a profile must be a complete actor on its own; references are checked where it is used
        structure(node, Actor, ld.ctx)
    ld.ctx.refs.clear()
    return ld.ctx.problems
