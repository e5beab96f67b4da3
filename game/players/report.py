"""What `simulate` reports, and the balance warnings an author reads: outcomes, per seat (its
scores under each policy, how often it objected, pledged and was overruled) and per option (tabled,
blocked by whom, adopted, succeeded), in text and JSON. Pure functions of a summary dict."""
from __future__ import annotations

import json

END_LOW, END_HIGH = 0.05, 0.70  # an end reached in fewer / more default games than this is flagged
SUPPORT_MARGIN = 0.05  # blind support may come within 5 % of the default play, no closer


def worst_end(meter) -> float:
    """The bad end of a meter: its minimum when high is good, its maximum when it is marked good: low."""
    return meter.max if meter.good == "low" else meter.min


def meter_warnings(summary: dict) -> list[str]:
    """Meters that end at their worst value in most games. A meter pinned at its good end is the
    crisis going well (a counter-meter such as severity falling to 0), not a balance problem."""
    runs = max(1, summary["runs"])
    labels = summary.get("meter_labels", {})
    out = []
    for m, n in summary.get("meters_at_worst", {}).items():
        if n > 0.5 * runs:
            name = f"'{labels[m]}' ({m})" if m in labels else f"'{m}'"
            out.append(f"meter {name} ends at its worst value in {n / runs:.0%} of games: effects against it "
                       "may be too strong")
    return out


def tvd(a: dict, b: dict, runs: int) -> float:
    """Total variation distance between two outcome spreads over the same number of runs."""
    return round(sum(abs(a.get(k, 0) - b.get(k, 0)) for k in set(a) | set(b)) / (2 * max(1, runs)), 3)


def support_tolerance(default: float) -> float:
    """How far blind support may come above the default play before it counts as dominant: 5 % of the
    default's national score (at least 0.05 of a point)."""
    return SUPPORT_MARGIN * max(abs(default), 1.0)


def seat_verdicts(summary: dict) -> dict[str, dict]:
    """For each seat played alone under the seat baselines: whether blind support dominates (it scores
    at least the default + 5 %) and whether blind objection is not the worst of the three."""
    out = {}
    for seat, row in summary.get("seat_baselines", {}).items():
        d = row["default"]["national"]
        sup = row.get("always-support", {}).get("national")
        obj = row.get("always-object", {}).get("national")
        out[seat] = {"support_dominates": sup is not None and sup > d + support_tolerance(d),
                     "object_not_worst": obj is not None and obj >= min(d, sup if sup is not None else d),
                     "interests_differ": summary["seats"][seat]["interests_differ"]}
    return out


def seat_warnings(summary: dict) -> list[str]:
    """A dominant trivial policy, for each seat with interests of its own to defend."""
    out = []
    for seat, v in seat_verdicts(summary).items():
        if not v["interests_differ"]:
            continue
        name = summary["seats"][seat]["name"]
        row = summary["seat_baselines"][seat]
        d = row["default"]["national"]
        if v["support_dominates"]:
            out.append(f"{name}: supporting everything scores {row['always-support']['national']:g} nationally against "
                       f"{d:g} for its default play: defending its brief does not pay")
        if v["object_not_worst"]:
            out.append(f"{name}: objecting to everything scores {row['always-object']['national']:g} nationally, "
                       f"not the worst (default {d:g}): blocking costs it too little")
    return out


def end_warnings(summary: dict) -> list[str]:
    runs = max(1, summary["runs"])
    out = []
    for end, n in summary["outcomes"].items():
        if n / runs > END_HIGH:
            out.append(f"'{end}' ends {n / runs:.0%} of games (aim for at most {END_HIGH:.0%}): "
                       "the crisis is too one-sided")
        elif end != "turn_limit" and n / runs < END_LOW:
            out.append(f"'{end}' ends {n / runs:.1%} of games (aim for at least {END_LOW:.0%}): "
                       "check its condition")
    return out


def balance_warnings(summary: dict) -> list[str]:
    """What an author should look at, in plain words."""
    runs = max(1, summary["runs"])
    out = end_warnings(summary)
    if sum(1 for v in summary["outcomes"].values() if v) < 2:
        out.append("only one ending is ever reached: players' choices do not change how it ends")
    for i, n in summary["injects_fired"].items():
        if n < 0.02 * runs:
            out.append(f"inject '{i}' fires in {n / runs:.1%} of games: check its trigger")
    for o, n in summary["options_adopted"].items():
        if n < 0.02 * runs:
            out.append(f"option '{o}' is adopted in {n / runs:.1%} of games: too costly, too contested, or never available?")
    out += meter_warnings(summary)
    if sum(1 for v in summary["blocked_by"].values() if v) < 2:
        out.append("fewer than two delegations ever block: the negotiation has little tension")
    for name, base in summary.get("baselines", {}).items():
        if base["tvd"] < 0.2:
            out.append(f"default play ends much as '{name}' does (difference {base['tvd']:.2f}, aim for 0.2 or more): "
                       "decisions barely matter")
    out += seat_warnings(summary)
    return out


def acceptance(summary: dict) -> tuple[bool, list[str]]:
    """Issue 17's balance acceptance for one scenario (needs `--baselines`): every seat whose
    interests differ does best by its default play (blind support within 5 %, blind objection the
    worst); a success end and a failure end each reached in at least 5 % of default games; no end in
    more than 70 %. Returns (passed, what failed)."""
    runs = max(1, summary["runs"])
    failed = []
    verdicts = summary.get("verdicts", {})
    for want in ("success", "failure"):
        if not any(n / runs >= END_LOW for e, n in summary["outcomes"].items() if verdicts.get(e) == want):
            failed.append(f"no {want} end reached in {END_LOW:.0%} of games")
    failed += [f"'{e}' ends {n / runs:.0%} of games" for e, n in summary["outcomes"].items() if n / runs > END_HIGH]
    for seat, v in seat_verdicts(summary).items():
        if v["interests_differ"] and (v["support_dominates"] or v["object_not_worst"]):
            failed.append(f"{seat}: " + " and ".join(
                w for w, bad in (("blind support pays", v["support_dominates"]),
                                 ("blind objection is not the worst", v["object_not_worst"])) if bad))
    return not failed, failed


def format_text(summary: dict) -> str:
    runs = max(1, summary["runs"])
    lines = [f"{summary['scenario']}: {summary['runs']} runs from seed {summary['seed']} "
             f"(policy: {summary['policy']})", "", "Outcomes:"]
    verdicts = summary.get("verdicts", {})
    for k, v in summary["outcomes"].items():
        lines.append(f"  {k:<24} {v:>6}  {100 * v / runs:5.1f} %  {verdicts.get(k, '')}".rstrip())
    d = summary["decisions"]
    lines += ["", f"Turns played (mean): {summary['turns_mean']}",
              f"Decisions per game: adopted {d['adopted_mean']}, by coalition {d['coalitions_mean']}, "
              f"failed or withdrawn {d['failed_mean']}; negotiation rounds {d['negotiation_rounds_mean']}",
              "", "Broke silence (rounds, all games; with the round's other objectors):"]
    lines += [f"  {k:<10} {v}" for k, v in summary["blocked_by"].items()] or ["  nobody"]
    lines += ["", "Objections by reason:"]
    lines += [f"  {k:<14} {v}" for k, v in summary["objections_by_reason"].items()] or ["  none"]
    lines += ["", "Meters at the end (mean):"]
    lines += [f"  {k:<16} {v}" for k, v in summary["meters_end_mean"].items()]
    lines += _seat_lines(summary, runs)
    lines += _option_lines(summary)
    lines += ["", "Injects fired (games):"]
    lines += [f"  {k:<24} {v:>6}" for k, v in summary["injects_fired"].items()] or ["  none"]
    if summary.get("baselines"):
        lines += ["", "Outcome spread against the baselines (every seat plays it):",
                  f"  {'end':<24}{'default':>10}" + "".join(f"{b:>20}" for b in summary["baselines"])]
        for end, n in summary["outcomes"].items():
            lines.append(f"  {end:<24}{100 * n / runs:>9.1f}%" + "".join(
                f"{100 * b['outcomes'][end] / runs:>19.1f}%" for b in summary["baselines"].values()))
        lines.append("  difference (total variation): " + ", ".join(
            f"{b}: {v['tvd']:.2f}" for b, v in summary["baselines"].items()))
    if summary.get("seat_baselines"):
        lines += ["", "Each seat alone switched (national / collective score, mean; the others play the default):",
                  f"  {'seat':<26}{'default':>14}{'always-support':>16}{'always-object':>16}  check"]
        verdicts_ = seat_verdicts(summary)
        for seat, row in summary["seat_baselines"].items():
            v = verdicts_[seat]
            check = ("-" if not v["interests_differ"] else
                     "support pays" if v["support_dominates"] else
                     "objection not worst" if v["object_not_worst"] else "ok")
            lines.append(f"  {summary['seats'][seat]['name'][:25]:<26}" + "".join(
                f"{_pair(row[k]):>{w}}" for k, w in (("default", 14), ("always-support", 16), ("always-object", 16)))
                + f"  {check}")
        lines.append("  check: '-' the seat has no red line, mandate or interest any option works against, or no "
                     "stance under silence (an organisation)")
    warnings = summary.get("warnings", balance_warnings(summary))
    lines += ["", "Warnings:" if warnings else "No balance warnings."]
    lines += [f"  - {w}" for w in warnings]
    return "\n".join(lines)


def _pair(score: dict) -> str:
    return f"{score['national']:g} / {score['collective']:g}"


def _seat_lines(summary: dict, runs: int) -> list[str]:
    seats = summary.get("seats")
    if not seats:
        return ["", "Scores (mean national / collective):"] + [
            f"  {k:<10} {v['national']:>6} / {v['collective']}" for k, v in summary["scores_mean"].items()]
    out = ["", "Seats (per game, mean): national / collective score; rounds it objected in (a partner's "
           "concern, a host's refusal count); units pledged; texts adopted over its objection or reservation",
           f"  {'seat':<26}{'national':>9}{'collective':>11}{'objected':>10}{'pledged':>9}{'overruled':>10}"]
    for seat, s in seats.items():
        sc = summary["scores_mean"][seat]
        out.append(f"  {s['name'][:25]:<26}{sc['national']:>9g}{sc['collective']:>11g}"
                   f"{s['objected'] / runs:>10.2f}{s['pledged'] / runs:>9.2f}{s['overruled'] / runs:>10.2f}")
    return out


def _option_lines(summary: dict) -> list[str]:
    options = summary.get("options")
    if not options:
        return ["", "Options adopted (games):"] + [f"  {k:<24} {v:>6}" for k, v in summary["options_adopted"].items()]
    out = ["", "Options (texts, all games): tabled, adopted (by consensus or coalition), operations that "
           "succeeded; who broke silence on the texts that failed",
           f"  {'option':<24}{'tabled':>8}{'adopted':>9}{'succeeded':>11}  blocked by"]
    names = {s: v["name"] for s, v in summary.get("seats", {}).items()}
    for o, x in options.items():
        blocked = ", ".join(f"{names.get(s, s)} {n}" for s, n in sorted(x["blocked_by"].items(), key=lambda kv: -kv[1]))
        out.append(f"  {o[:23]:<24}{x['tabled']:>8}{x['adopted']:>9}{x['succeeded']:>11}  {blocked or '-'}")
    return out


def to_json(summary: dict) -> str:
    return json.dumps(summary, indent=2, sort_keys=True)
