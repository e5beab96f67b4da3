"""Variants of a scenario for a balance study: `--vary KEY=VALUES` read, checked and applied to
the scenario's text, each variant loaded and checked like any file.

KEY is a dotted path into the scenario (`options.repair_escort.difficulty`,
`meters.severity.start`, `tune_rules.procedure.proposals_per_turn`), or one of the words below:
    difficulty=N              N added to every option's difficulty (negative: easier)
    rounds=N                  the silence procedure's rounds (tune_rules.procedure.negotiation_rounds)
    turns=N                   the turn limit (length.turns)
    profile.ACTOR.KEY=V       a computer player's profile key (actors.ACTOR.bot.KEY: flexibility,
                              holdout, generosity ...)
    profile.ACTOR.stance.STAKE=V   its stance on a stake, -3..3 (actors.ACTOR.interests.STAKE)
VALUES is `a..b` (whole numbers, both ends), `a..b/step`, or a comma list (`0.2,0.5,0.8`)."""
from __future__ import annotations

import difflib
import itertools
import re
from pathlib import Path

import attrs
import yaml

from game.core.errors import ConsensusError
from game.core.model.crisis import LoadedScenario
from game.core.model.scenario import BotProfile, Option, Scenario
from game.scenario.loader import load_saved_version, load_scenario
from game.scenario.yaml_source import compose_text, display_name, read_text

WORDS = {"difficulty": "every option's difficulty, shifted by N",
         "rounds": "tune_rules.procedure.negotiation_rounds",
         "turns": "length.turns"}
STANCE = ("stance", "interests")
MAX_CELLS = 1000


class VaryError(ConsensusError):
    """A `--vary` that cannot be read or applied: says which one and why."""


@attrs.frozen
class Vary:
    """One varied key and the values it takes."""

    key: str
    values: tuple

    @property
    def label(self) -> str:
        return self.key


def parse_values(text: str, key: str) -> tuple:
    m = re.fullmatch(r"\s*(-?\d+(?:\.\d+)?)\s*\.\.\s*(-?\d+(?:\.\d+)?)\s*(?:/\s*(\d+(?:\.\d+)?)\s*)?", text)
    if m:
        lo, hi, step = m.group(1), m.group(2), m.group(3)
        if step is None and ("." in lo or "." in hi):
            raise VaryError(f"--vary {key}={text}: a range of decimals needs a step, e.g. {lo}..{hi}/0.1")
        if step is None:
            a, b = int(lo), int(hi)
            if b < a:
                raise VaryError(f"--vary {key}={text}: the range runs backwards")
            return tuple(range(a, b + 1))
        a, b, s = float(lo), float(hi), float(step)
        if s <= 0 or b < a:
            raise VaryError(f"--vary {key}={text}: the step must be positive and the range run upwards")
        n = int(round((b - a) / s)) + 1
        return tuple(round(a + i * s, 10) for i in range(n) if a + i * s <= b + 1e-9)
    items = [x.strip() for x in text.split(",")]
    if not text.strip() or any(not x for x in items):
        raise VaryError(f"--vary {key}={text}: give values as a..b or a comma list, e.g. {key}=1,2,3")
    return tuple(yaml.safe_load(x) if re.fullmatch(r"[\w.+-]+", x) else x for x in items)


def parse_vary(spec: str) -> Vary:
    key, sep, values = spec.partition("=")
    key = key.strip()
    if not sep or not key:
        raise VaryError(f"--vary {spec}: write KEY=VALUES, e.g. --vary difficulty=0..3")
    vals = parse_values(values, key)
    if len(set(map(repr, vals))) != len(vals):
        raise VaryError(f"--vary {spec}: a value is given twice")
    return Vary(key, vals)


def grid(varies: list[Vary]) -> list[dict]:
    """Every combination, the first --vary changing slowest: [{key: value, ...}, ...]."""
    keys = [v.key for v in varies]
    if len(set(keys)) != len(keys):
        raise VaryError("the same key is varied twice: give its values in one --vary")
    cells = [dict(zip(keys, combo)) for combo in itertools.product(*(v.values for v in varies))]
    if len(cells) > MAX_CELLS:
        raise VaryError(f"{len(cells)} combinations: at most {MAX_CELLS} in one sweep")
    return cells


def _close(word: str, pool) -> str:
    close = difflib.get_close_matches(word, list(pool), n=1, cutoff=0.6)
    return f" — did you mean '{close[0]}'?" if close else f"; known: {', '.join(sorted(pool))}"


def _path(key: str, data: dict) -> list[str]:
    """The path in the scenario's data a --vary key sets (a shorthand resolved), checked against
    the format and the scenario's ids as far as they go."""
    parts = key.split(".")
    if key in WORDS:
        return {"rounds": ["tune_rules", "procedure", "negotiation_rounds"], "turns": ["length", "turns"],
                "difficulty": ["*difficulty"]}[key]
    if parts[0] == "profile":
        actors = data.get("actors") or {}
        if len(parts) < 3:
            raise VaryError(f"--vary {key}: write profile.ACTOR.KEY, e.g. profile.HUN.flexibility")
        if parts[1] not in actors:
            raise VaryError(f"--vary {key}: no actor '{parts[1]}' in the scenario{_close(parts[1], actors)}")
        if parts[2] in STANCE:
            if len(parts) != 4:
                raise VaryError(f"--vary {key}: a stance is on a stake: profile.{parts[1]}.stance.STAKE")
            return ["actors", parts[1], "interests", parts[3]]
        fields = [f.name for f in attrs.fields(BotProfile)]
        if parts[2] not in fields or len(parts) != 3:
            raise VaryError(f"--vary {key}: '{parts[2]}' is not a key of a computer player's profile"
                            f"{_close(parts[2], [*fields, 'stance'])}")
        return ["actors", parts[1], "bot", parts[2]]
    fields = [f.name for f in attrs.fields(Scenario) if f.init and not f.name.startswith("_")]
    if parts[0] not in fields:
        raise VaryError(f"--vary {key}: '{parts[0]}' is neither a scenario key nor one of "
                        f"{', '.join([*WORDS, 'profile'])}{_close(parts[0], [*fields, *WORDS, 'profile'])}")
    node = data
    for i, part in enumerate(parts[:-1]):
        node = node.get(part) if isinstance(node, dict) else None
        if node is None and parts[0] not in ("tune_rules",):
            raise VaryError(f"--vary {key}: the scenario has no '{'.'.join(parts[:i + 1])}'")
        if node is None:
            break
    return parts


def apply(data: dict, path: list[str], value) -> None:
    if path == ["*difficulty"]:
        for opt in (data.get("options") or {}).values():
            if isinstance(opt, dict):
                opt["difficulty"] = opt.get("difficulty", attrs.fields_dict(Option)["difficulty"].default) + value
        return
    node = data
    for part in path[:-1]:
        if not isinstance(node.get(part), dict):
            node[part] = {}
        node = node[part]
    node[path[-1]] = value


@attrs.frozen
class Variant:
    """One cell of a sweep: its values, and the scenario with them, loaded and checked."""

    values: dict
    crisis: LoadedScenario

    @property
    def sources(self) -> dict[str, str]:
        return self.crisis.sources


def variants(path: str | Path, varies: list[Vary]) -> list[Variant]:
    """The scenario once for each combination of values, each checked as a file is (a value the
    format refuses names its --vary and says why)."""
    path = Path(path)
    name = display_name(path)
    text = read_text(path, name)
    load_scenario(path)  # the file itself must load first: its own problems, at their lines
    data = yaml.safe_load(text)
    paths = {v.key: _path(v.key, data) for v in varies}
    out = []
    for cell in grid(varies):
        changed = yaml.safe_load(text)
        for key, value in cell.items():
            apply(changed, paths[key], value)
        variant_text = f"# {name} with {', '.join(f'{k}={v}' for k, v in cell.items())}\n" + \
            yaml.safe_dump(changed, sort_keys=False, allow_unicode=True)
        try:
            crisis = load_scenario(path, composed=(compose_text(variant_text, name), variant_text))
        except ConsensusError as exc:
            problems = getattr(exc, "problems", None)
            why = "; ".join(p.message for p in problems if p.severity == "error") if problems else str(exc)
            raise VaryError(f"{', '.join(f'{k}={v}' for k, v in cell.items())}: {why}") from None
        out.append(Variant(cell, crisis))
    return out


def load_sources(sources: dict[str, str], name: str) -> LoadedScenario:
    """A variant rebuilt from its texts (on a worker that has none of the files)."""
    return load_saved_version({"sources": sources, "scenario_path": name})
