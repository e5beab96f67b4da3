"""Typed events (issue 15, item 3): every kind the engine emits has a class and words; the record
form round-trips; a private event is never put into words for a seat it was not addressed to;
making events builds no words; and nothing outside game/core/events.py matches on a kind string.

The games walked: one seeded game of every shipped scenario, computer delegations throughout, with
the White Cell and a delegation trying their rarer moves along the way (a request for information
and its answer, pause and resume, a held and an edited inject, an ad-hoc inject, overrides, an
ended round, an undo), so the facilitator's kinds are covered too."""
from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

from game.core import actions as A
from game.core import engine, texts, words
from game.core import events as ev
from game.core.errors import IllegalActionError
from game.players import POLICIES, choose_for
from game.scenario.loader import load_scenario
from tests.conftest import ROOT, SCENARIOS

WC = A.WHITE_CELL
SEED = 11


def _try(crisis, state, action, out):
    try:
        step = engine.apply(crisis, state, action)
    except IllegalActionError:
        return state
    out.extend(step.events)
    return step.state


def _white_cell_moves(crisis, state, i, out):
    """The rarer moves, tried at fixed points of the game (each only where legal)."""
    sc = crisis.scenario
    if i == 2:
        seat = next(s for s in engine.seats(crisis) if s != sc.chair)
        state = _try(crisis, state, A.RequestInfo(seat, "Is the attack attributed?"), out)
        if state.requests:
            state = _try(crisis, state, A.AnswerInfo(WC, state.requests[0][0], "Not yet, publicly."), out)
    elif i == 4:
        state = _try(crisis, state, A.Pause(WC), out)
        state = _try(crisis, state, A.Resume(WC), out)
    elif i == 6:
        later = [iid for iid, inj in sc.injects.items() if iid not in state.fired and inj.when is None]
        if later:
            state = _try(crisis, state, A.HoldInject(WC, later[-1]), out)
    elif i == 8:
        state = _try(crisis, state, A.AdHocInject(WC, "Storm", "A storm hits the coast.", ()), out)
        meter = next(iter(sc.meters))
        state = _try(crisis, state, A.OverrideMeter(WC, meter, float(sc.meters[meter].start), "umpire's call"), out)
    elif i == 60 and state.held:
        state = _try(crisis, state, A.ReleaseInject(WC, state.held[0], "Edited by the White Cell."), out)
    if state.phase.value == "negotiation" and state.submissions and not any(
            isinstance(e, ev.Undone) for e in out):
        state = _try(crisis, state, A.Undo(state.submissions[0][0]), out)
    if state.phase.value == "negotiation" and not any(isinstance(e, ev.RoundEnded) for e in out) and i > 100:
        state = _try(crisis, state, A.EndRound(WC, "timer"), out)
    done = [o for o in state.operations if o.results]
    if done and not any(isinstance(e, ev.ResultOverridden) for e in out):
        state = _try(crisis, state, A.OverrideResult(WC, done[0].number, "success", "umpire's judgement"), out)
    return state


def _play(path):
    crisis = load_scenario(path)
    start = engine.new_game(crisis, SEED)
    state, out = start.state, list(start.events)
    for i in range(5000):
        if engine.is_over(state):
            break
        state = _white_cell_moves(crisis, state, i, out)
        if engine.is_over(state) or state.paused:
            continue
        seat = engine.acting_seats(crisis, state)[0]
        action, _ = choose_for(crisis, state, seat, POLICIES["default"])
        step = engine.apply(crisis, state, action)
        out.extend(step.events)
        state = step.state
    assert engine.is_over(state)
    return crisis, out


@pytest.fixture(scope="module")
def games():
    return [_play(p) for p in SCENARIOS]


def test_every_kind_has_a_class_with_words_and_a_record():
    assert len(ev.REGISTRY) == len(set(ev.REGISTRY.values())) >= 39
    for kind, cls in ev.REGISTRY.items():
        assert cls.KIND == kind
        assert cls._words.__module__ == "game.core.words", cls  # one module owns the words
        assert "__attrs_attrs__" in cls.__dict__ and cls.__setattr__ is not object.__setattr__  # frozen


def test_the_games_reach_every_kind_the_engine_emits(games):
    seen = {type(e) for _c, es in games for e in es}
    missing = set(ev.REGISTRY.values()) - seen - {ev.Facilitator}  # the review's mark, not the engine's
    # a game of computer delegations and these White Cell moves does not reach every branch: a host
    # withdrawing its consent (and giving it back), a veto or mandate, a coalition, an edited release
    rare = {ev.ConsentWithdrawn, ev.ConsentGiven, ev.Released, ev.NothingTabled, ev.Art4Requested, ev.MouOffered,
            ev.ProposalFailed, ev.CoalitionLed, ev.ArmedAttack, ev.ResolutionVoted, ev.ConsentRefused,
            ev.OperationWaits, ev.Art5Requested, ev.ResolutionSought}
    # kinds only games saved before the legal frame (issue 16) hold: read back, never emitted now
    rare |= {ev.Vetoed, ev.Mandated, ev.CoalitionLaunched, ev.Conceded}
    rare |= {ev.PledgeWithdrawn}  # a bot withdraws a pledge rarely (collapsed trust); tests/rules covers it
    # a partner's consultations left unheld: the computer chair always holds them (tests/rules covers it)
    rare |= {ev.ConsultationsIgnored}
    # the computer chair overrides a contributor's caveats only when their cut alone lowers the
    # commitment factor and the contributor is not likely to walk out: rare (tests/rules/test_caveats.py)
    rare |= {ev.CaveatsOverridden, ev.ContributionWithdrawn}
    assert missing <= rare, sorted(c.__name__ for c in missing - rare)
    assert len(seen) >= 30, sorted(c.__name__ for c in seen)


# ids that an event's words show as recorded since before typed events (old saves keep these words)
LEGACY_IDS = {ev.SilenceHeld: "the reservations are listed by seat id",
              ev.Overridden: "a meter override names the meter id (Action.describe)"}


def _refs(crisis, e):
    """(id, label) of what an event names by id, where the scenario gives it a label."""
    refs = []
    if isinstance(e, ev.Move) and not isinstance(e, ev.Facilitator):
        refs.append((e.seat, texts.actor_name(crisis, e.seat)))
    if isinstance(e, (ev.ConsentGiven, ev.ConsentWithdrawn)):
        refs.append((e.actor, texts.actor_name(crisis, e.actor)))
    if isinstance(e, ev.InfoRequested):
        refs.append((e.seat, texts.actor_name(crisis, e.seat)))
    if isinstance(e, (ev.SilenceBroken, ev.ProposalFailed)):
        refs += [(b, texts.actor_name(crisis, b)) for b in e.blocked_by]
    for field in ("option",):
        oid = getattr(e, field, None) or getattr(getattr(e, "action", None), field, None)
        if isinstance(oid, str) and not isinstance(e, ev.Facilitator):
            refs.append((oid, texts.option_title(crisis, oid)))
    return [(i, label) for i, label in refs if label != i]


def _all_ids(crisis):
    """Every actor, option, inject and meter id the scenario labels otherwise and that reads as an
    id (less those its authors also write as words, like the AU in an option's title)."""
    sc = crisis.scenario
    ids = {a: x.name for a, x in sc.actors.items()}
    ids.update({o: x.title for o, x in sc.options.items()})
    ids.update({i: x.title for i, x in sc.injects.items()})
    ids.update({m: x.label for m, x in sc.meters.items()})
    rules = crisis.rules
    labels = [x.label for table in (rules.legal_bases, rules.caveats, rules.reasons, rules.resources,
                                    sc.resources) for x in table.values()]
    labels += [t for o in sc.options.values() for par in o.parameters.values()
               for t in (par.label, *(v.label for v in par.values.values()))]  # "Co-led with the EU"
    authored = set(re.findall(r"[\w']+", " ".join([*ids.values(), *labels])))
    looks_like_an_id = re.compile(r"[A-Z0-9]+|\w+_\w+")  # an actor code, or snake_case: not a plain word
    return {i: label for i, label in ids.items()
            if i.lower() != label.lower() and i not in authored and looks_like_an_id.fullmatch(i)}


def test_every_event_is_put_into_words_for_the_white_cell_and_a_seat(games):
    for crisis, events in games:
        ids = _all_ids(crisis)
        seat = next(s for s in engine.seats(crisis) if s != crisis.scenario.chair)
        for e in events:
            said = words.text(e, crisis, WC)
            assert said and "None" not in said, (e, said)
            if e.visible_to(seat):
                assert words.text(e, crisis, seat) == said  # the same words; only who may read them differs
            for i, label in _refs(crisis, e):
                assert label in said, (e, said, label)
            if isinstance(e, (ev.Inject, ev.Intel, ev.InfoRequested, ev.InfoAnswered)) or type(e) in LEGACY_IDS:
                continue  # author's and players' own text may name anything
            for i, label in ids.items():
                if i not in label and re.search(rf"(?<![\w']){re.escape(i)}(?![\w'])", said):
                    pytest.fail(f"{crisis.id}: {type(e).__name__} shows the id {i!r} where the scenario "
                                f"says {label!r}: {said}")


def test_records_round_trip(games):
    for crisis, events in games:
        for e in events:
            d = e.to_dict()
            back = ev.from_dict(json.loads(json.dumps(d)))  # as a save or a game database holds it
            assert type(back) is type(e) and back == e, (d, back, e)
            assert back.to_dict() == d  # its words kept as written
            assert e.to_dict(crisis) == d == back.to_dict(crisis)


def test_records_keep_exactly_the_old_shape(games):
    for _crisis, events in games:
        for e in events:
            d = e.to_dict()
            assert list(d)[:3] == ["kind", "text", "data"] and set(d) <= {"kind", "text", "data", "to"}
            assert ("to" in d) == (e.to is not None)


def test_private_events_are_never_put_into_words_for_others(games):
    private = 0
    for crisis, events in games:
        seats = engine.seats(crisis)
        for e in events:
            if e.to is None:
                continue
            private += 1
            assert words.text(e, crisis, WC)
            with pytest.raises(words.NotVisible):
                words.text(e, crisis, words.PUBLIC)  # the projector
            for seat in seats:
                if seat in e.to:
                    assert words.text(e, crisis, seat)
                else:
                    with pytest.raises(words.NotVisible):
                        words.text(e, crisis, seat)
                    assert e not in [x for x, _ in words.visible(events, crisis, seat)]
    assert private >= 5


def test_a_record_read_back_is_private_as_it_was():
    d = {"kind": "intel", "text": "[NATO SECRET] The malware is attributed.", "data": {"inject": "x"},
         "to": ["ROU"]}
    e = ev.from_dict(d)
    assert isinstance(e, ev.Intel) and e.to == ("ROU",) and e.visible_to("ROU") and not e.visible_to("HUN")
    assert words.text(e, None, "ROU") == d["text"]
    with pytest.raises(words.NotVisible):
        words.text(e, None, "HUN")


def test_an_unknown_kind_is_refused_plainly():
    with pytest.raises(ValueError, match="kind 'telepathy'"):
        ev.from_dict({"kind": "telepathy", "text": "", "data": {}})


def test_making_events_builds_no_words(monkeypatch):
    """The engine only makes events: a whole game with every renderer broken still plays."""
    crisis = load_scenario(ROOT / "scenarios" / "first_response.yaml")

    def boom(*_a):
        raise AssertionError("words built while playing")

    for cls in ev.REGISTRY.values():
        monkeypatch.setattr(cls, "_words", boom)
    state = engine.new_game(crisis, 3).state
    while not engine.is_over(state):
        seat = engine.acting_seats(crisis, state)[0]
        state = engine.apply_unchecked(crisis, state, choose_for(crisis, state, seat, POLICIES["default"])[0]).state


# -- no kind strings outside the events module ------------------------------------------------------
GAME = ROOT / "game"


def _event_only_kinds() -> set[str]:
    """Kind strings that name nothing but an event (not also an action kind or a status)."""
    return set(ev.REGISTRY) - set(A.REGISTRY) - {"adopted", "coalition", "action", "done", "override", "vetoed"}


def _is_kind(node) -> bool:
    """e.kind, rec["kind"], rec.get("kind"), or a variable named kind / k."""
    if isinstance(node, ast.Attribute):
        return node.attr == "kind"
    if isinstance(node, ast.Subscript):
        return isinstance(node.slice, ast.Constant) and node.slice.value == "kind"
    if isinstance(node, ast.Call):
        return getattr(node.func, "attr", None) == "get" and bool(node.args) \
            and isinstance(node.args[0], ast.Constant) and node.args[0].value == "kind"
    return isinstance(node, ast.Name) and node.id in ("kind", "k")


def _kind_matches(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    kinds = _event_only_kinds()
    where = path.relative_to(ROOT) if ROOT in path.parents else path.name
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Compare) or not any(_is_kind(x) for x in (node.left, *node.comparators)):
            continue
        for const in ast.walk(node):
            if isinstance(const, ast.Constant) and const.value in kinds:
                found.append(f"{where}:{node.lineno}: matches the event kind {const.value!r}")
    return found


def test_no_module_matches_on_event_kind_strings():
    allowed = {GAME / "core" / "events.py", GAME / "core" / "actions.py"}  # actions read their own "kind"
    found = [f for p in sorted(GAME.rglob("*.py")) if p not in allowed for f in _kind_matches(p)]
    assert not found, "dispatch on the event class instead:\n" + "\n".join(found)


def test_the_kind_scanner_itself(tmp_path):
    for source, bad in [('if e.kind == "silence_broken": pass\n', True), ('x = k in ("veto", "turn")\n', True),
                        ('if rec.get("kind") == "veto": pass\n', True), ('isinstance(e, SilenceBroken)\n', False),
                        ('if op.status == "adopted": pass\n', False)]:
        path = tmp_path / "probe.py"
        path.write_text(source, encoding="utf-8")
        assert bool(_kind_matches(path)) is bad, source


def test_a_plural_name_takes_the_apostrophe_alone():
    """ "the United States' national caveats", never "United States's"; "Hungary's" as before."""
    from game.core.texts import possessive
    assert possessive("United States") == "United States'"
    assert possessive("Hungary") == "Hungary's"
    assert possessive("Republic of Moldova") == "Republic of Moldova's"
