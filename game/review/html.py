"""The review as one self-contained HTML file that opens offline: inline CSS and SVG charts, no
scripts, fonts or links; it prints cleanly."""
from __future__ import annotations

from typing import Any, Iterable

from game.core import texts
from game.review.cells import blocked_cell, esc, kind_words, modline, pct, played_by, turn_label
from game.review.charts import svg_chart
from game.review.model import EXERCISE, PLAN_COLUMNS, Report


CSS = """
:root { --ink: #1b1f24; --muted: #5b6570; --rule: #c9d1d9; --bg: #fff; --accent: #1f4e79; --danger: #b3261e; }
* { box-sizing: border-box; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; color: var(--ink);
       background: var(--bg); margin: 0 auto; max-width: 60rem; padding: 0 1.2rem 2rem; line-height: 1.45; }
.banner { background: #000; color: #fff; text-align: center; font-weight: 700; letter-spacing: .25em;
          padding: .3rem; margin: 0 -1.2rem 1rem; }
.banner.bottom { margin-top: 2rem; }
.handling { border: 2px solid var(--danger); padding: .4rem .7rem; font-weight: 600; }
h1 { font-size: 1.6rem; margin: .6rem 0; } h2 { border-bottom: 2px solid var(--accent); color: var(--accent);
     margin-top: 2rem; font-size: 1.25rem; } h3 { font-size: 1.05rem; margin-bottom: .3rem; }
table { border-collapse: collapse; width: 100%; margin: .4rem 0 1rem; font-size: .92rem; }
th, td { border: 1px solid var(--rule); padding: .25rem .45rem; text-align: left; vertical-align: top; }
th { background: #eef2f6; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.meta { color: var(--muted); }
.private { color: var(--danger); font-weight: 600; }
.roll { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .9rem; }
.charts { display: flex; flex-wrap: wrap; gap: 1rem; }
svg { max-width: 100%; height: auto; }
figure { margin: 0; } figcaption { font-size: .85rem; color: var(--muted); }
.plan td { height: 2.2rem; }
ul.timeline { padding-left: 1.2rem; }
.ok { color: #1e6b32; font-weight: 700; } .no { color: var(--danger); font-weight: 700; }
nav.toc { columns: 2; font-size: .9rem; }
td, th { overflow-wrap: anywhere; }
table.record td:first-child { white-space: nowrap; }
@page {
  size: A4; margin: 18mm 14mm 20mm;
  @top-center { content: "EXERCISE · EXERCISE · EXERCISE"; font: 700 9pt system-ui, sans-serif; letter-spacing: .2em; }
  @bottom-center { content: "EXERCISE · EXERCISE · EXERCISE"; font: 700 9pt system-ui, sans-serif; letter-spacing: .2em; }
  @bottom-right { content: "Page " counter(page) " of " counter(pages); font: 9pt system-ui, sans-serif; }
}
@media print {
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  .banner { margin: 0 0 .6rem; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  nav.toc { display: none; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  p, li, tr, figure, .decision > ul, blockquote { break-inside: avoid; page-break-inside: avoid; }
  p, li { orphans: 3; widows: 3; }
  thead { display: table-header-group; }
  table { table-layout: fixed; width: 100%; }
  svg { max-width: 100%; }
  a { color: inherit; text-decoration: none; }
}
"""


def _h_table(head: Iterable[str], rows: Iterable[Iterable[Any]], cls: str = "", num: Iterable[int] = ()) -> str:
    num = set(num)
    out = [f'<table class="{cls}">' if cls else "<table>", "<thead><tr>"]
    out += [f"<th>{esc(h)}</th>" for h in head]
    out.append("</tr></thead><tbody>")
    for row in rows:
        out.append("<tr>" + "".join(f'<td class="num">{esc(c)}</td>' if i in num else f"<td>{esc(c)}</td>"
                                    for i, c in enumerate(row)) + "</tr>")
    out.append("</tbody></table>")
    return "".join(out)


_SECTIONS = (("situation", "Situation"), ("outcome", "Outcome"), ("timeline", "Timeline"),
             ("decisions", "Decisions"), ("force-generation", "Force generation"),
             ("adjudications", "Adjudications"), ("meters", "Meter history"), ("scores", "Scores"),
             ("overrides", "Facilitator overrides"), ("room", "The room: RFIs, timers, clock times"),
             ("tensions", "How the tensions played out"),
             ("decided", "What decided it"), ("lessons", "Lessons"), ("plan", "Improvement plan"))


def _room(room) -> list[str]:
    """The seminar's room (game.review.room.RoomReport), as in the Markdown edition."""
    if room is None or not (room.rfis or room.timed or room.timers):
        return []
    H = ['<section id="room"><h2>The room: requests for information, timers and clock times</h2>']
    if room.room or room.timed:
        H.append('<p class="meta">' + esc(" · ".join(x for x in (
            f"Room: {room.room}" if room.room else "",
            f"first move {room.began}, last {room.ended}" if room.timed else "") if x)) + "</p>")
    H.append("<h3>Requests for information</h3>")
    H.append(_h_table(("#", "Asked by", "Question", "Asked at", "Answer", "Answered at"),
                      ((x.number, x.asker, x.question, x.asked or "—", x.answer or "(not answered)",
                        x.answered or "—") for x in room.rfis), num=(0,)) if room.rfis else "<p>None.</p>")
    H.append("<h3>Timers</h3>")
    H.append("<ul>" + "".join(f"<li>{esc((x.at + ' ') if x.at else '')}{esc(x.text)}</li>" for x in room.timers)
             + "</ul>" if room.timers else "<p>No phase timer was used.</p>")
    if room.overrides:
        H.append("<h3>Overrides, with their rationale and time</h3><ul>" + "".join(
            f"<li>{esc((x.at + ' ') if x.at else '')}{esc(x.text)}</li>" for x in room.overrides) + "</ul>")
    if room.host:
        H.append("<h3>The host</h3><ul>" + "".join(f"<li>{esc(x.at)} {esc(x.text)}</li>" for x in room.host)
                 + "</ul>")
    if room.timed:
        H.append("<h3>The record, with clock times</h3>")
        H.append(_h_table(("Time", "Turn", "What happened"),
                          ((x.at or "—", x.turn if x.turn is not None else "—", x.text) for x in room.record),
                          cls="record", num=(1,)))
    H.append("</section>")
    return H


def to_html(r: Report) -> str:
    s = r.situation
    H: list[str] = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
                    '<meta name="viewport" content="width=device-width, initial-scale=1">',
                    f"<title>AAR — {esc(s.title)} — {esc(r.viewer_name)}</title>", f"<style>{CSS}</style>",
                    "</head><body>", f'<div class="banner">{esc(EXERCISE)}</div>',
                    f"<h1>After-action review: {esc(s.title)}</h1>"]
    if r.full:
        H.append('<p class="handling">White Cell (facilitator) edition: contains every delegation\'s private '
                 "brief, red lines and intelligence. Do not hand to players.</p>")
    else:
        H.append(f'<p class="handling">Prepared for {esc(r.viewer_name)}: the public record, plus this '
                 "delegation's own brief, intelligence and score.</p>")
    H.append(f'<p class="meta">Seed {s.seed} · {s.turns} turns (about {s.minutes} minutes)</p>')
    shown = [(i, t) for i, t in _SECTIONS if i != "room" or _room(r.room)]
    H.append('<nav class="toc"><ol>' + "".join(f'<li><a href="#{i}">{esc(t)}</a></li>' for i, t in shown)
             + "</ol></nav>")

    def section(sid: str, title: str) -> None:
        H.append(f'<section id="{sid}"><h2>{esc(title)}</h2>')

    section("situation", "Situation")
    H.append(f"<p><strong>{esc(s.summary.strip())}</strong></p>")
    H += [f"<p>{esc(p)}</p>" for p in s.text.split("\n\n")]
    H.append("<h3>Delegations</h3>")
    H.append(_h_table(("Delegation", "Kind", "Played by"),
                      ((d.name, kind_words(d.kind, d.programme), played_by(d.played_by)) for d in s.delegations)))
    private = [d for d in s.delegations if d.brief or d.red_lines or d.objectives]
    if private:
        H.append(f"<h3>{'Private briefs' if r.full else 'Your private brief'}</h3>")
        for d in private:
            H.append(f'<p><strong>{esc(d.name)}</strong> <span class="private">(private)</span>'
                     + (f": {esc(d.brief.strip())}" if d.brief else "") + "</p>")
            items = [f"<li>Red line: {esc(x)}</li>" for x in d.red_lines]
            items += [f"<li>Objective ({texts.points(p)}): {esc(t)}</li>" for t, p in d.objectives]
            if items:
                H.append("<ul>" + "".join(items) + "</ul>")
    H.append("</section>")

    section("outcome", "Outcome")
    o = r.outcome
    H.append(f"<p><strong>{esc(o.title)}</strong>"
             + (f" — verdict: {esc(o.verdict)}, turn {o.turn}." if o.over else " —")
             + f" {esc(o.text)}</p></section>")

    section("timeline", "Timeline")
    for tt in r.timeline:
        H.append(f"<h3>Turn {tt.turn}</h3><ul class=\"timeline\">")
        for it in tt.items:
            tag = f' <span class="private">(private to {esc(", ".join(it.private_to))})</span>' if it.private_to else ""
            H.append(f"<li>{esc(it.text)}{tag}</li>")
        H.append("</ul>")
    H.append("</section>")

    section("decisions", "Decisions")
    if not r.decisions:
        H.append("<p>No proposal was tabled.</p>")
    else:
        H.append(_h_table(("#", "Turn", "Proposal", "Outcome", "Rounds", "Blocked or held up by"),
                          ((d.number, d.turn, d.title, d.outcome, len(d.rounds), blocked_cell(d))
                           for d in r.decisions),
                          num=(0, 1, 4)))
    for d in r.decisions:
        H.append(f'<div class="decision"><h3>Proposal {d.number}: {esc(d.title)} (turn {d.turn})</h3><ul>')
        H.append(f"<li>Basis: {esc(d.basis)}" + (f" · host: {esc(d.host)}" if d.host else "") + "</li>")
        if d.params:
            H.append("<li>Parameters: " + esc(", ".join(f"{n}: {v}" for n, v in d.params)) + "</li>")
        if d.package:
            H.append("<li>Package: linked with " + esc(", ".join(d.package)) + "</li>")
        H.append("<li>Caveats: " + esc(", ".join(d.caveats_tabled) or "none") + " as tabled"
                 + (f"; added by amendment: {esc(', '.join(d.caveats_added))}" if d.caveats_added else "") + "</li>")
        if d.concessions:
            H.append("<li>Concessions: " + esc(", ".join(f"{n} ({k} political capital)" for n, k in d.concessions))
                     + "</li>")
        H.append("</ul>")
        if d.rounds:
            rows = []
            for rd in d.rounds:
                obj = "; ".join(f"{x.name} ({x.reason}" + (f"; {x.asked}" if x.asked else "") + ")"
                                for x in rd.objected)
                extra = list(rd.partners) + ([f"Host: {rd.host}"] if rd.host else [])
                extra += [f"Private red line: {h.name} — “{h.text}” (stated as {h.reason})" for h in rd.red_lines]
                rows.append((rd.round, rd.text + (f" (amended: {'; '.join(rd.amendments)})" if rd.amendments else ""),
                             ", ".join(rd.supported) or "—", obj or "—", ", ".join(rd.reserved) or "—",
                             ", ".join(rd.silent) or "—", "; ".join(extra) or "—",
                             rd.result + (f" (broken by {', '.join(rd.broken_by)})" if rd.broken_by else "")))
            H.append(_h_table(("Round", "Text", "Supported", "Objected (reason)", "Reserved", "Silent",
                               "Partners, host, red lines", "Silence result"), rows, num=(0,)))
        if d.late_amendments:
            H.append("<p>Amended after the last round (never put to silence): "
                     + esc("; ".join(d.late_amendments)) + "</p>")
        H.append(f"<p><strong>Outcome:</strong> {esc(d.outcome_text)}</p>")
        if d.blockers and d.outcome != "adopted":
            H.append("<p>Blocked by: " + esc("; ".join(f"{n} — {w}" for n, w in d.blockers)) + "</p>")
        H.append("</div>")
    H.append("</section>")

    section("force-generation", "Force generation")
    if not r.ledger:
        H.append("<p>No operation was adopted.</p>")
    for op in r.ledger:
        H.append(f"<h3>Operation {op.operation}: {esc(op.title)}</h3>")
        H.append(f"<p>Adopted in turn {op.adopted_turn} (proposal {op.decision})"
                 + (" by a coalition of the willing" if op.coalition else " by consensus")
                 + f"; status: {esc(op.status)}" + (f"; {esc(op.mandate)}" if op.mandate else "")
                 + f". Coverage: <strong>{pct(op.coverage)}</strong>."
                 + (f" Caveats reducing what pledges are worth: {esc(', '.join(op.caveats))}." if op.caveats else "")
                 + (f" National caveats the Council overrode (pledges counted in full): {esc('; '.join(op.overrides))}."
                    if op.overrides else "")
                 + "</p>")
        H.append(_h_table(("Resource", "Required", "Pledged", "Worth (after caveats, interoperability)", "Shortfall"),
                          ((x.resource, x.need, x.pledged, f"{x.value:g}", f"{x.shortfall:g}") for x in op.requirement),
                          num=(1, 2, 3, 4)))
        if op.pledges:
            H.append(_h_table(("Delegation", "Resource", "Amount", "Worth"),
                              ((p.name, p.resource, p.amount, f"{p.value:g}") for p in op.pledges), num=(2, 3)))
        else:
            H.append("<p>No pledges.</p>")
        if op.pledged_nothing:
            H.append(f"<p>Pledged nothing: {esc(', '.join(op.pledged_nothing))}.</p>")
        if op.results:
            H.append("<p>Results: " + esc(", ".join(f"turn {t}: {x}" for t, x in op.results)) + ".</p>")
    H.append("</section>")

    section("adjudications", "Adjudications")
    if not r.adjudications:
        H.append("<p>None.</p>")
    else:
        H.append(_h_table(("Turn", "Operation", "Roll", "Modifiers", "Difficulty", "Margin", "Result",
                           "Deciding factor", "Effects"),
                          ((a.turn, f"{a.operation}: {a.title}", f"{'+'.join(map(str, a.dice))} = {a.roll}",
                            modline(a), a.difficulty, f"{a.margin:+g}",
                            a.label + (f" ({a.table_row})" if a.table_row else "")
                            + (f" → overridden: {a.overridden}" if a.overridden else ""),
                            f"{a.deciding}; {a.roll_alone}", "; ".join(a.effects) or "—")
                           for a in r.adjudications), num=(0, 4, 5)))
    H.append("</section>")

    section("meters", "Meter history")
    H.append('<div class="charts">')
    for m in r.meters:
        cap = m.label + (" — low is good" if m.good == "low" else "") + (f". {m.text}" if m.text else "")
        H.append(f"<figure>{svg_chart(m)}<figcaption>{esc(cap)}</figcaption></figure>")
    H.append("</div>")
    H.append(_h_table(["Meter", *(turn_label(t) for t in r.turns)],
                      ([m.label, *(f"{v:g}" for _, v in m.points)] for m in r.meters),
                      num=range(1, len(r.turns) + 1)))
    H.append("</section>")

    section("scores", "Scores")
    if not r.scores_final:
        H.append("<p><em>Provisional: the game is not over.</em></p>")
    H.append(_h_table(("Seat", "National", "Collective", "Total", "National objectives met", "Missed"),
                      ((x.name, x.national, x.collective, x.total,
                        "; ".join(f"{t} ({p})" for t, p in x.met) or "—",
                        "; ".join(f"{t} ({p})" for t, p in x.missed) or "—") for x in r.scores), num=(1, 2, 3)))
    if any(x.why for x in r.scores):
        H.append("<p>Why each national score is what it is:</p><ul>")
        H += [f"<li><strong>{esc(x.name)}</strong> ({x.national}): "
              + esc("; ".join(f"{t} {p:+g}" if p else t for t, p in x.why)) + "</li>" for x in r.scores if x.why]
        H.append("</ul>")
    H.append("<p>Collective objectives (scored for every seat):</p><ul>")
    H += [f'<li><span class="{"ok" if c.met else "no"}">{"met" if c.met else "not met"}</span> '
          f"{esc(c.text)} ({texts.points(c.points)})</li>" for c in r.collective]
    H.append("</ul></section>")

    section("overrides", "Facilitator overrides")
    if r.overrides:
        H.append(_h_table(("Turn", "Override", "Rationale"), ((x.turn, x.what, x.rationale) for x in r.overrides),
                          num=(0,)))
    else:
        H.append("<p>None: every result stood as adjudicated.</p>")
    if r.interventions:
        H.append("<p>Other facilitator interventions:</p><ul>"
                 + "".join(f"<li>Turn {x.turn}: {esc(x.what)}</li>" for x in r.interventions) + "</ul>")
    H.append("</section>")

    H += _room(r.room)
    section("tensions", "How the tensions played out")
    for t in r.tensions:
        H.append(f"<h3>{esc(t.title)}</h3><ul>" + "".join(f"<li>{esc(p)}</li>" for p in t.points) + "</ul>")
    H.append("</section>")

    section("decided", "What decided it")
    H.append("<ul>" + ("".join(f"<li>{esc(x)}</li>" for x in r.decided)
                       or "<li>Nothing was adjudicated or blocked.</li>") + "</ul></section>")

    section("lessons", "Lessons")
    for les in r.lessons:
        H.append(f"<h3>{esc(les.title)}</h3><p>{esc(les.text)}</p>")
    if not r.lessons:
        H.append("<p>No lesson of this scenario applies to this game.</p>")
    H.append("</section>")

    section("plan", "Improvement plan")
    H.append("<p><em>For the facilitator to fill in at the debrief.</em></p>")
    H.append(_h_table(PLAN_COLUMNS, r.plan, cls="plan"))
    H.append("</section>")
    H.append(f'<div class="banner bottom">{esc(EXERCISE)}</div></body></html>')
    return "\n".join(H) + "\n"
