"""One delegation never sees another's private information: over every scenario, several seeds and
random legal play, in its observation, its papers, its report and its screen (the White Cell, the
umpire, excepted)."""
import random

from rich.text import Text
from textual.widgets import Static

from game.core import engine
from game.core import events as ev
from game.core.actions import WHITE_CELL
from game.players import POLICIES, choose_for
from game.scenario.loader import load_scenario
from game.saves.log import GameLog
from game.review.papers import papers
from game.review.report import build, to_markdown
from game.core.observation import observe
from tests.conftest import SCENARIOS


def _secrets(crisis):
    """(owner, text) of every private thing in the scenario; owner None = several recipients."""
    sc = crisis.scenario
    shared = {o.text for o in sc.objectives}
    out = []
    for aid, a in sc.actors.items():
        if a.brief.strip():
            out.append(({aid}, " ".join(a.brief.split())[:60]))
        out += [({aid}, r.text) for r in a.red_lines]
        out += [({aid}, o.text) for o in a.objectives if o.text not in shared]
    for inj in sc.injects.values():
        out += [(set(p.to), p.text) for p in inj.private]
    # the same words may belong to several seats: a secret is someone else's only if no owner is the seat
    merged: dict[str, set] = {}
    for owners, text in out:
        merged.setdefault(text, set()).update(owners)
    return merged


def _released(secrets, state):
    """The secrets with each one's owners widened by whoever it was released to by sharing (issue
    17, item 4: a shared item is the recipient's from then on, and only the recipient's)."""
    out = {t: set(o) for t, o in secrets.items()}
    for actor, _inject, _marking, text in state.private_intel:
        if text in out:
            out[text].add(actor)
    return out


def _random_game(crisis, seed, moves):
    rnd = random.Random(seed)
    log = GameLog(crisis, seed)
    for _ in range(moves):
        if engine.is_over(log.state):
            break
        seat = rnd.choice(engine.acting_seats(crisis, log.state))
        if rnd.random() < 0.5:
            action = choose_for(crisis, log.state, seat, POLICIES["default"])[0]
        else:
            action = rnd.choice(engine.legal_actions(crisis, log.state, seat))
        log.apply(action)
    return log


def test_observations_papers_and_reports_hold_only_the_seats_own_secrets():
    for path in SCENARIOS:
        crisis = load_scenario(path)
        secrets = _secrets(crisis)
        seat_papers = papers(crisis)
        for seed in range(3):
            log = _random_game(crisis, seed, random.Random(seed).randrange(50, 600))
            secrets = _released(_secrets(crisis), log.state)
            # an item held beyond its first recipients got there by a share, to that seat alone
            first = {(a, i) for i, inj in crisis.scenario.injects.items() for p in inj.private for a in p.to}
            shared = {(r, e.inject) for e in log.events if isinstance(e, ev.Intel) for r in e.to}
            released = {r for e in log.events if isinstance(e, ev.IntelReleased) for r, _ in e.released}
            for a, i, _, _ in log.state.private_intel:
                assert (a, i) in first or ((a, i) in shared and a in released), (path.name, seed, a, i)
            for seat in engine.seats(crisis):
                obs = observe(crisis, log.state, seat)
                for other, actor in obs.crisis.scenario.actors.items():
                    if other != seat:
                        assert not actor.brief and not actor.red_lines and not actor.objectives and not actor.interests
                assert all(a == seat for a, *_ in obs.state.private_intel)
                seen = [e.text for e in log.events if e.visible_to(seat)]
                report = to_markdown(build(crisis, log.state, log.events, seat))
                own = [t for t, o in secrets.items() if seat in o]
                for text, owners in secrets.items():
                    if seat in owners or any(text in t for t in own):  # words a seat's own secret contains
                        continue
                    where = f"{path.name} seed {seed}: {seat} sees a secret of {sorted(owners)}"
                    assert all(text not in t for t in seen), where
                    assert text not in report, where + " (report)"
                    assert " ".join(text.split()) not in " ".join(seat_papers[f"brief-{seat}"].split()), where
            full = to_markdown(build(crisis, log.state, log.events, WHITE_CELL))
            assert crisis.scenario.title in full


async def test_the_table_screen_shows_a_seat_only_its_own_secrets(tmp_path):
    from game.tui.app import Options, make_app
    from tests.tui.harness import settle
    for path in SCENARIOS[:2]:
        crisis = load_scenario(path)
        secrets = _secrets(crisis)
        seat = next(s for s in engine.seats(crisis) if crisis.scenario.actors[s].kind == "member")
        app = make_app(Options(scenario=str(path), seat=seat, seed=2, save_dir=str(tmp_path), pace="instant"))
        async with app.run_test(size=(160, 50)) as pilot:
            for _ in range(8):
                await settle(pilot, app)
                if type(app.screen).__name__ != "TableScreen":
                    await pilot.press("enter")
                    continue
                shown = []
                for w in app.screen.query(Static):
                    content = w.content
                    shown.append(content.plain if isinstance(content, Text) else str(content))
                from game.tui.widgets.feed import Feed
                shown += [strip.text for strip in app.screen.query_one(Feed).lines]
                screen = "\n".join(shown)
                own = [t for t, o in secrets.items() if seat in o]
                for text, owners in secrets.items():
                    if seat not in owners and not any(text in t for t in own):
                        assert text not in screen, f"{path.name}: {seat}'s screen shows a secret of {owners}"
                await pilot.press("space")


def _reachable(*roots):
    """Every object reachable from `roots` through data (instances, containers, attrs fields), not
    through code (types, functions and modules are not followed)."""
    import gc
    import types
    seen, out, todo = set(), [], list(roots)
    skip = (type, types.ModuleType, types.FunctionType, types.BuiltinFunctionType, types.MethodType,
            types.CodeType, types.FrameType)
    while todo:
        obj = todo.pop()
        if id(obj) in seen or isinstance(obj, skip):
            continue
        seen.add(id(obj))
        out.append(obj)
        if isinstance(obj, (str, bytes, int, float, bool)) or obj is None:
            continue
        todo.extend(gc.get_referents(obj))
        for name in getattr(type(obj), "__slots__", ()):
            if hasattr(obj, name):
                todo.append(getattr(obj, name))
    return out


class _Recorder:
    """A policy that plays as the default one and keeps, for each call, what it was handed."""

    name = "recorder"

    def __init__(self, inner):
        self.inner = inner
        self.calls = []

    def choose(self, obs, legal, rng):
        self.calls.append((obs, legal, rng))
        return self.inner.choose(obs, legal, rng)


def test_nothing_a_policy_receives_reaches_another_seats_secrets():
    """DESIGN.md: computer delegations see what their seat sees. Everything reachable from what
    each policy is handed (observation, legal moves, random generator) over seeded games of every
    scenario holds no other seat's brief, red lines, objectives, private intelligence or private
    weights (interests, computer profile)."""
    from game.core.model.scenario import BotProfile
    from game.core.observation import Observer
    from game.players.simulate import play_out
    for path in SCENARIOS:
        crisis = load_scenario(path)
        secrets = _secrets(crisis)
        private_actors = {id(a): aid for aid, a in crisis.scenario.actors.items()}
        for seed in (1, 2):
            recorder = _Recorder(POLICIES["default"])
            observers = {}
            play_out(crisis, seed, recorder, observers=observers)
            assert recorder.calls
            for obs, legal, rng in recorder.calls[::7]:  # every seventh decision: all seats, all steps
                seat = obs.seat
                objects = _reachable(obs, legal, rng)
                strings = {o for o in objects if isinstance(o, str)}
                for text, owners in _released(secrets, obs.state).items():  # what was shared to it
                    if seat not in owners:
                        assert text not in strings, f"{path.name}: {seat} can reach a secret of {sorted(owners)}"
                for o in objects:
                    assert private_actors.get(id(o), seat) == seat, f"{path.name}: {seat} reaches an unredacted actor"
                    if hasattr(o, "interests") and hasattr(o, "bot") and o is not obs.me:
                        assert not o.interests and o.bot == BotProfile() and not o.red_lines, path.name
                assert all(a == seat for a, *_ in obs.state.private_intel)
                assert all(asker == seat for _, asker, _ in obs.state.requests)
                assert obs.state is not None and legal.crisis is obs.crisis and legal.state is obs.state
        # no memory is shared between seats
        memories = [id(o.memory) for o in observers.values()]
        assert len(set(memories)) == len(memories)


def test_a_seat_does_not_see_another_seats_question_to_the_white_cell(crisis):
    """Requests for information are answered privately: another seat's observation holds neither
    the question nor that it was asked."""
    from game.core.actions import RequestInfo
    from game.core.observation import Observer
    state = engine.new_game(crisis, 1).state
    asker, other = crisis.scenario.members[:2]
    state = engine.apply(crisis, state, RequestInfo(asker, "Is our red line known to the others?")).state
    assert Observer(crisis, asker).observe(state).state.requests
    assert not Observer(crisis, other).observe(state).state.requests
    assert Observer(crisis, WHITE_CELL).observe(state).state.requests
