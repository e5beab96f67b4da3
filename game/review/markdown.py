"""The review in Markdown: what the TUI shows at the end of a game and `report --format md` writes."""
from __future__ import annotations

from typing import Any, Iterable

from game.core import texts
from game.core.texts import printable
from game.review.cells import blocked_cell, kind_words, modline, pct, played_by, turn_label
from game.review.model import EXERCISE, PLAN_COLUMNS, Report


def safe(markdown: str) -> str:
    """Markdown as we write it to a file or a terminal: text from scenario files and saves may hold
    `<script>` or any tag, which a Markdown viewer would pass through as HTML; `<` and `>` become
    entities (shown as themselves), and control characters are shown as escapes. Our own Markdown
    uses neither."""
    return printable(markdown).replace("<", "&lt;").replace(">", "&gt;")


def _cell(text: Any) -> str:
    return str(text).replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def _md_table(head: Iterable[str], rows: Iterable[Iterable[Any]]) -> list[str]:
    head = list(head)
    out = ["| " + " | ".join(_cell(h) for h in head) + " |", "|" + "|".join(" --- " for _ in head) + "|"]
    out += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return out


def _room(room) -> list[str]:
    """The seminar's room (game.review.room.RoomReport): RFIs, timers, the host, overrides and the
    record with clock times. Nothing for a game with none of them."""
    if room is None or not (room.rfis or room.timed or room.timers):
        return []
    L = ["", "## The room: requests for information, timers and clock times", ""]
    if room.room or room.timed:
        L += [" · ".join(x for x in (f"Room: {room.room}" if room.room else "",
                                     f"first move {room.began}, last {room.ended}" if room.timed else "") if x), ""]
    L += ["### Requests for information", ""]
    if room.rfis:
        L += _md_table(("#", "Asked by", "Question", "Asked at", "Answer", "Answered at"),
                       ((x.number, x.asker, x.question, x.asked or "—", x.answer or "(not answered)",
                         x.answered or "—") for x in room.rfis))
    else:
        L.append("None.")
    L += ["", "### Timers", ""]
    L += [f"- {x.at + ' ' if x.at else ''}{x.text}" for x in room.timers] or ["No phase timer was used."]
    if room.overrides:
        L += ["", "### Overrides, with their rationale and time", ""]
        L += [f"- {x.at + ' ' if x.at else ''}{x.text}" for x in room.overrides]
    if room.host:
        L += ["", "### The host", ""]
        L += [f"- {x.at} {x.text}" for x in room.host]
    if room.timed:
        L += ["", "### The record, with clock times", ""]
        L += _md_table(("Time", "Turn", "What happened"),
                       ((x.at or "—", x.turn if x.turn is not None else "—", x.text) for x in room.record))
    return L


def to_markdown(r: Report) -> str:
    s = r.situation
    L: list[str] = [f"**{EXERCISE}**", "", f"# After-action review: {s.title}", ""]
    if r.full:
        L.append("*White Cell (facilitator) edition: contains every delegation's private brief, red lines and "
                 "intelligence. Do not hand to players.*")
    else:
        L.append(f"*Prepared for {r.viewer_name}: the public record, plus this delegation's own brief, "
                 "intelligence and score.*")
    L += ["", f"Seed {s.seed} · {s.turns} turns (about {s.minutes} minutes)", ""]
    L += ["## Situation", "", s.summary.strip(), "", s.text, "", "### Delegations", ""]
    L += _md_table(("Delegation", "Kind", "Played by"),
                   ((d.name, kind_words(d.kind, d.programme), played_by(d.played_by)) for d in s.delegations))
    private = [d for d in s.delegations if d.brief or d.red_lines or d.objectives]
    if private:
        L += ["", "### Private briefs" if r.full else "### Your private brief", ""]
        for d in private:
            L.append(f"**{d.name}**" + (f": {d.brief.strip()}" if d.brief else ""))
            for rl in d.red_lines:
                L.append(f"- Red line: {rl}")
            for text, pts in d.objectives:
                L.append(f"- Objective ({texts.points(pts)}): {text}")
            L.append("")
    o = r.outcome
    L += ["", "## Outcome", ""]
    if o.over:
        L.append(f"**{o.title}** — verdict: {o.verdict}, turn {o.turn}. {o.text}")
    else:
        L.append(f"**{o.title}** — {o.text}")
    L += ["", "## Timeline", ""]
    for tt in r.timeline:
        L.append(f"### Turn {tt.turn}")
        L.append("")
        for it in tt.items:
            tag = f" *(private to {', '.join(it.private_to)})*" if it.private_to else ""
            L.append(f"- {it.text}{tag}")
        L.append("")
    L += ["## Decisions", ""]
    if not r.decisions:
        L += ["No proposal was tabled.", ""]
    else:
        L += _md_table(("#", "Turn", "Proposal", "Outcome", "Rounds", "Blocked or held up by"),
                       ((d.number, d.turn, d.title, d.outcome, len(d.rounds), blocked_cell(d))
                        for d in r.decisions))
        L.append("")
    for d in r.decisions:
        L += [f"### Proposal {d.number}: {d.title} (turn {d.turn})", ""]
        L.append(f"- Basis: {d.basis}" + (f" · host: {d.host}" if d.host else ""))
        if d.params:
            L.append("- Parameters: " + ", ".join(f"{n}: {v}" for n, v in d.params))
        if d.package:
            L.append("- Package: linked with " + ", ".join(d.package))
        L.append("- Caveats: " + (", ".join(d.caveats_tabled) or "none") + " as tabled"
                 + (f"; added by amendment: {', '.join(d.caveats_added)}" if d.caveats_added else ""))
        if d.concessions:
            L.append("- Concessions: " + ", ".join(f"{n} ({k} political capital)" for n, k in d.concessions))
        for rd in d.rounds:
            L.append(f"- **Round {rd.round}** — text: {rd.text}"
                     + (f" (amended before it: {'; '.join(rd.amendments)})" if rd.amendments else ""))
            L.append(f"  - Supported: {', '.join(rd.supported) or '—'}")
            L.append("  - Objected: " + ("; ".join(f"{x.name} ({x.reason}" + (f"; {x.asked}" if x.asked else "") + ")"
                                                   for x in rd.objected) or "—"))
            L.append(f"  - Reserved (footnote, not blocking): {', '.join(rd.reserved) or '—'}")
            L.append(f"  - Silent (assent): {', '.join(rd.silent) or '—'}")
            if rd.partners:
                L.append(f"  - Partners and organisations: {'; '.join(rd.partners)}")
            if rd.host:
                L.append(f"  - Host consent: {rd.host}")
            for h in rd.red_lines:
                L.append(f"  - Private red line behind it: {h.name} — “{h.text}” (stated as {h.reason})")
            L.append(f"  - Silence result: {rd.result}"
                     + (f" (broken by {', '.join(rd.broken_by)})" if rd.broken_by else ""))
        if d.late_amendments:
            L.append("- Amended after the last round (never put to silence): " + "; ".join(d.late_amendments))
        L.append(f"- **Outcome:** {d.outcome_text}")
        if d.blockers and d.outcome != "adopted":
            L.append("- Blocked by: " + "; ".join(f"{n} — {w}" for n, w in d.blockers))
        L.append("")
    L += ["## Force generation", ""]
    if not r.ledger:
        L += ["No operation was adopted.", ""]
    for op in r.ledger:
        L += [f"### Operation {op.operation}: {op.title}", ""]
        L.append(f"Adopted in turn {op.adopted_turn} (proposal {op.decision})"
                 + (" by a coalition of the willing" if op.coalition else " by consensus")
                 + f"; status: {op.status}" + (f"; {op.mandate}" if op.mandate else "")
                 + f". Coverage: **{pct(op.coverage)}**.")
        if op.caveats:
            L.append(f"Caveats reducing what pledges are worth: {', '.join(op.caveats)}.")
        if op.overrides:
            L.append(f"National caveats the Council overrode (pledges counted in full): {'; '.join(op.overrides)}.")
        L.append("")
        L += _md_table(("Resource", "Required", "Pledged", "Worth (after caveats, interoperability)", "Shortfall"),
                       ((x.resource, x.need, x.pledged, f"{x.value:g}", f"{x.shortfall:g}") for x in op.requirement))
        L.append("")
        if op.pledges:
            L += _md_table(("Delegation", "Resource", "Amount", "Worth"),
                           ((p.name, p.resource, p.amount, f"{p.value:g}") for p in op.pledges))
        else:
            L.append("No pledges.")
        L.append("")
        if op.pledged_nothing:
            L += [f"Pledged nothing: {', '.join(op.pledged_nothing)}.", ""]
        if op.results:
            L += ["Results: " + ", ".join(f"turn {t}: {x}" for t, x in op.results) + ".", ""]
    L += ["## Adjudications", ""]
    if not r.adjudications:
        L += ["None.", ""]
    for a in r.adjudications:
        L.append(f"- **Turn {a.turn} · operation {a.operation} ({a.title})**: roll {'+'.join(map(str, a.dice))} = "
                 f"{a.roll}; {modline(a)}; difficulty {a.difficulty} → margin {a.margin:+g}: **{a.label}**"
                 + (f" ({a.table_row})" if a.table_row else ""))
        L.append(f"  - Deciding factor: {a.deciding}; {a.roll_alone}.")
        L.append(f"  - Effects: {'; '.join(a.effects) or 'none on the meters'}")
        if a.overridden:
            L.append(f"  - Overridden by the White Cell: {a.overridden}")
    L += ["", "## Meter history", ""]
    L += _md_table(["Meter", *(turn_label(t) for t in r.turns), "Thresholds"],
                   ([m.label + (" (low is good)" if m.good == "low" else ""),
                     *(f"{v:g}" for _, v in m.points),
                     "; ".join(f"{t.label}: {t.direction} {t.at:g}" for t in m.thresholds) or "—"] for m in r.meters))
    L += ["", "## Scores", ""]
    if not r.scores_final:
        L += ["*Provisional: the game is not over.*", ""]
    L += _md_table(("Seat", "National", "Collective", "Total", "National objectives met"),
                   ((s.name, s.national, s.collective, s.total,
                     "; ".join(f"{t} ({p})" for t, p in s.met) or "—") for s in r.scores))
    why = [s for s in r.scores if s.why]
    if why:
        L += ["", "Why each national score is what it is (objectives met, red lines, interests served by what "
              "was adopted, silence broken, capital and resources spent):", ""]
        L += [f"- **{s.name}** ({s.national}): " + "; ".join(f"{t} {_signed(p)}".rstrip() for t, p in s.why)
              for s in why]
    L += ["", "Collective objectives (scored for every seat):", ""]
    L += [f"- [{'x' if c.met else ' '}] {c.text} ({texts.points(c.points)})" for c in r.collective]
    L += ["", "## Facilitator overrides", ""]
    if r.overrides:
        L += _md_table(("Turn", "Override", "Rationale"), ((x.turn, x.what, x.rationale) for x in r.overrides))
    else:
        L.append("None: every result stood as adjudicated.")
    if r.interventions:
        L += ["", "Other facilitator interventions:", ""]
        L += [f"- Turn {x.turn}: {x.what}" for x in r.interventions]
    L += _room(r.room)
    L += ["", "## How the tensions played out", ""]
    for t in r.tensions:
        L += [f"### {t.title}", ""] + [f"- {p}" for p in t.points] + [""]
    L += ["## What decided it", ""]
    L += [f"- {x}" for x in r.decided] or ["- Nothing was adjudicated or blocked."]
    L += ["", "## Lessons", ""]
    for les in r.lessons:
        L += [f"### {les.title}", "", les.text, ""]
    if not r.lessons:
        L += ["No lesson of this scenario applies to this game.", ""]
    L += ["## Improvement plan", "", "*For the facilitator to fill in at the debrief.*", ""]
    L += _md_table(PLAN_COLUMNS, r.plan)
    L += ["", f"**{EXERCISE}**", ""]
    return safe("\n".join(L))


def _signed(points: float) -> str:
    """A score line's points, signed; nothing for a line that only explains (no cost in standing)."""
    return f"{points:+g}" if points else ""
