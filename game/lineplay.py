"""A plain line-by-line way to play in any terminal, until the full-screen table arrives.

You hold one seat; computer delegations hold the rest. Every action is saved as it happens, and
running the same command again continues an unfinished game.
"""
from __future__ import annotations

import random
from pathlib import Path

import platformdirs

from game.core import engine, texts, words
from game.players import POLICIES, choose_for
from game.core.errors import SaveError
from game.saves.log import GameLog, set_aside
from game.scenario.loader import load_scenario
from game.scenario.paths import default_scenario
from game.core.observation import observe
from game.core.texts import printable


def _save_dir(args) -> Path:
    if args.save_dir:
        return Path(args.save_dir)
    return Path(platformdirs.user_data_dir("consensus")) / "saves"


def _resume(crisis, path: Path, out=print) -> GameLog | None:
    if not path.exists():
        return None
    try:
        game = GameLog.resume(path, crisis)
    except SaveError as exc:  # changed scenario or damaged save: keep it aside, and say where
        aside = set_aside(path)
        out(f"Your saved game could not be continued ({exc}). It is kept as {aside}; a new game starts.")
        return None
    if game.over:
        game.close()
        return None
    return game


def play(args, inp=input, out=print) -> int:
    raw_out = out
    out = lambda text="": raw_out(printable(text))  # noqa: E731 - text from scenarios and saves: no escape codes
    crisis = load_scenario(args.scenario or default_scenario())
    sc = crisis.scenario
    seats = engine.seats(crisis)
    seat = args.seat or sc.chair
    if seat not in seats:
        out(f"unknown seat '{seat}'; choose from: {', '.join(seats)}")
        return 2
    save = _save_dir(args) / f"{sc.id}-{seat}.jsonl"
    game = _resume(crisis, save, out)
    if game is not None:
        out(f"Continuing your unfinished game ({len(game.records)} actions so far). Delete {save} to start afresh.")
    else:
        seed = args.seed if args.seed is not None else random.SystemRandom().randrange(1_000_000)
        if save.exists():
            save.unlink()
        game = GameLog(crisis, seed, {s: ("human" if s == seat else "computer") for s in seats}, save)
        me = sc.actors[seat]
        out(f"\n{sc.title}\n{'=' * len(sc.title)}\n{sc.situation}")
        out(f"You are: {me.name} ({me.kind}).")
        if me.brief:
            out(f"Your private brief: {me.brief}")
        for o in me.objectives:
            out(f"  objective ({texts.points(o.points)}): {o.text}")
        for _e, text in words.visible(game.events, crisis, seat):
            out(f"  {text}")
    policy = POLICIES["default"]
    try:
        while not engine.is_over(game.state):
            acting = engine.acting_seats(crisis, game.state)
            if seat in acting:
                action = _ask(crisis, game, seat, inp, out)
            else:
                action, _why = choose_for(crisis, game.state, acting[0], policy)
            step = game.apply(action)
            for _e, text in words.visible(step.events, crisis, seat):
                out(f"  {text}")
    except (EOFError, KeyboardInterrupt):
        out("\nSaved. Run the same command again to continue.")
        game.close()
        return 0
    game.close()
    o = game.state.outcome
    out(f"\n== {o.title} ({o.verdict}) ==\n{o.text}")
    score = o.scores.get(seat)
    if score:
        out(f"Your score: national {score.national}, collective {score.collective}")
    return 0


def _ask(crisis, game, seat, inp, out):
    st = game.state
    legal = engine.legal_actions(crisis, st, seat)
    obs = observe(crisis, st, seat)
    meters = ", ".join(f"{crisis.scenario.meters[m].label} {v:g}" for m, v in obs.state.meters.items())
    out(f"\n[turn {st.turn} · {texts.PHASE_LABELS.get(st.phase.value, st.phase.value)}] {meters}")
    if st.proposal is not None:
        p = st.proposal
        v = lambda field, value: texts.value_label(crisis, "table", field, value)  # noqa: E731
        out(f"On the table: {', '.join(texts.option_title(crisis, o) for o in p.options)} "
            f"(basis: {texts.lowered(v('basis', p.basis))}"
            + (f", host: {texts.actor_name(crisis, p.host)}" if p.host else "")
            + (f", caveats: {v('caveats', p.caveats)}" if p.caveats else "") + ")")
    shown = legal[:40]
    for i, a in enumerate(shown, 1):
        out(f"  {i:>2}. {texts.third_person(crisis, a)}")  # the scenario's names, never its ids
    if len(legal) > len(shown):
        out(f"  ({len(legal) - len(shown)} more variants not listed)")
    while True:
        raw = inp("Your choice (number, Enter = first): ").strip()
        if not raw:
            return shown[0]
        if raw.isdigit() and 1 <= int(raw) <= len(shown):
            return shown[int(raw) - 1]
        out("Please type one of the numbers above.")
