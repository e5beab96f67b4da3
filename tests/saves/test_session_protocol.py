"""Local play and the seminar give the screens one interface, game.saves.session.Session: every
member the protocol names is really implemented by both classes (not left to the protocol's empty
stubs, which would quietly return None), and `shared` says which kind of game it is."""
from __future__ import annotations

import pytest

from game.core.actions import WHITE_CELL
from game.saves.session import GameRecord, Session, SessionOnSharedGame
from game.seminar import host
from game.seminar.session import SharedSession
from game.tui.session import LocalSession

PROTOCOLS = (Session, SessionOnSharedGame, GameRecord)


def _members(protocol: type) -> set[str]:
    names = set()
    for klass in protocol.__mro__:
        if klass in PROTOCOLS:
            names |= set(klass.__dict__.get("__annotations__", {}))
            names |= {n for n, v in vars(klass).items()
                      if not n.startswith("_") and (callable(v) or isinstance(v, property))}
    return names


def _missing(protocol: type, obj) -> list[str]:
    """Members of `protocol` that `obj` lacks, or takes from a protocol's stub instead of its class."""
    out = []
    for name in sorted(_members(protocol)):
        owner = next((k for k in type(obj).__mro__ if name in vars(k)), None)
        if owner is None:
            if name not in vars(obj):  # a data member: set on the instance
                out.append(name)
        elif owner in PROTOCOLS:
            out.append(f"{name} (only the protocol's stub)")
    return out


@pytest.fixture
def local(crisis):
    session = LocalSession.new(crisis, 7, {"SG": "human", WHITE_CELL: "human"}, folder=None)
    yield session
    session.close()


@pytest.fixture
def shared(crisis, tmp_path):
    store, _codes, _ = host.open_or_create(crisis, tmp_path / "room.sqlite", folder=tmp_path, new=True,
                                           seed=5, humans=["DEU"], turns=None)
    session = SharedSession(store, "DEU")
    yield session
    session.close()


def test_the_protocol_names_what_the_screens_use():
    members = _members(Session)
    for name in ("shared", "crisis", "state", "log", "apply", "act_for", "legal", "observation",
                 "events_for", "humans", "facilitated", "timer_left", "branch", "rebase", "close"):
        assert name in members, name
    assert {"poll", "seq", "revoked", "store", "home_seat", "events_since"} <= _members(SessionOnSharedGame)


def test_local_play_implements_the_session(local):
    assert Session in type(local).__mro__, "LocalSession declares the protocol it implements"
    assert isinstance(local, Session)
    assert _missing(Session, local) == []
    assert _missing(GameRecord, local.log) == []
    assert local.shared is False


def test_the_seminar_implements_the_session(shared):
    assert SessionOnSharedGame in type(shared).__mro__
    assert isinstance(shared, Session) and isinstance(shared, SessionOnSharedGame)
    assert _missing(SessionOnSharedGame, shared) == []
    assert _missing(GameRecord, shared.log) == []
    assert shared.shared is True


def test_both_sessions_answer_alike_at_the_start(local, shared):
    for session in (local, shared):
        assert session.state.turn == 1 and not session.over
        assert session.timer is None and session.timer_left() is None
        assert session.log.records == [] and session.log.seed in (5, 7)
        assert all(a.seat == session.acting()[0] for a in session.legal(session.acting()[0]))


def test_the_check_finds_a_half_made_session(local):
    class Half(Session):
        shared = False

        def close(self) -> None:
            pass

    missing = _missing(Session, Half())
    assert "close" not in " ".join(missing)
    assert "apply (only the protocol's stub)" in missing and "crisis" in missing
