"""Count, over seeded games of every shipped scenario, what an instructor would check of the legal
frame (issue 16): Article 5 only after an armed attack on an Ally and never by silence, no
deployment against a host's withheld consent, no legitimacy from a vetoed resolution, and
sovereignty-sensitive hosts refusing outright in some games.

    python bench/legal_frame.py --games 500          # every scenario, 500 seeded games each
    python bench/legal_frame.py --games 50 first_response

Prints one row per scenario and exits 1 if any of the four must-be-zero counts is not zero.
tests/rules/test_legal_frame_games.py runs the same count on fewer games.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from game.core import actions as A  # noqa: E402
from game.players.simulate import play_out  # noqa: E402
from game.scenario.loader import load_scenario  # noqa: E402

MUST_BE_ZERO = ("art5_without_attack", "art5_by_silence", "against_consent", "legit_from_veto")


def count(crisis, games: int, seed: int = 1) -> dict[str, int]:
    rules = crisis.rules
    members = set(crisis.groups["members"])
    out = dict.fromkeys(("games", "art5", *MUST_BE_ZERO, "outright_refusals", "sensitive_outright",
                         "vetoes", "resolutions_adopted", "resolutions_failed", "coalitions"), 0)
    observers: dict = {}
    for s in range(seed, seed + games):
        state = play_out(crisis, s, observers=observers)
        out["games"] += 1
        by_number = {d.number: d for d in state.decisions}
        for op in state.operations:
            p = op.proposal
            d = by_number[p.number]
            last = max((r for r, _, _, _ in d.stances), default=0)
            said = {a: st for r, a, st, _ in d.stances if r == last}
            if rules.legal_bases[p.basis].needs == "collective_defence":
                out["art5"] += 1
                attacked_before = any(on == p.host and turn <= op.adopted_turn for on, _, turn in state.attacks)
                out["art5_without_attack"] += not attacked_before or p.host not in members
                out["art5_by_silence"] += not op.coalition and any(
                    said.get(m) not in ("support", "reserve") for m in members)
            host = crisis.scenario.actors.get(p.host) if p.host else None
            if host is not None and host.kind != "member" and host.consent == "required":
                out["against_consent"] += said.get(p.host) != "consent"
            out["coalitions"] += op.coalition
        for r in state.resolutions:
            out["vetoes"] += r.status == "vetoed"
            out["resolutions_adopted"] += r.status == "adopted"
            out["resolutions_failed"] += r.status == "failed"
            if r.status == "vetoed":  # no operation rests on a resolution that was vetoed (and none other passed)
                out["legit_from_veto"] += any(
                    o.option == r.option and rules.legal_bases[o.proposal.basis].needs == "security_council"
                    and not any(x.option == r.option and x.in_force for x in state.resolutions)
                    for o in state.operations)
        outright = _outright(state)
        out["outright_refusals"] += len(outright)
        out["sensitive_outright"] += sum(1 for h in outright if crisis.scenario.actors[h].sovereignty >= 2)
    return out


def _outright(state) -> list[str]:
    """Hosts that refused their consent outright (a text failed at once on its host's no)."""
    hosts = []
    for d in state.decisions:
        rnd = max((r for r, _, _, _ in d.stances), default=0)
        for r, a, st, detail in d.stances:
            if r == rnd and st == "refuse_consent" and not detail and d.outcome in ("failed", "coalition"):
                hosts.append(a)
    return hosts


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("scenarios", nargs="*", help="scenario ids (default: every shipped scenario)")
    ap.add_argument("--games", type=int, default=500)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)
    names = args.scenarios or sorted(p.stem for p in (ROOT / "scenarios").glob("*.yaml"))
    bad = 0
    cols = None
    for name in names:
        c = count(load_scenario(ROOT / "scenarios" / f"{name}.yaml"), args.games, args.seed)
        if cols is None:
            cols = list(c)
            print(f"{'scenario':<18}" + "".join(f"{k:>21}" for k in cols))
        print(f"{name:<18}" + "".join(f"{c[k]:>21}" for k in cols))
        bad += sum(c[k] for k in MUST_BE_ZERO)
    print("must be zero:", ", ".join(MUST_BE_ZERO), "->", "all zero" if not bad else f"{bad} FOUND")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
