"""Exercise papers: each seat's read-ahead brief (only its own private information) and the White
Cell's master events list — Markdown or one self-contained HTML file, every page marked EXERCISE."""
from __future__ import annotations

from game.core import engine, menu, texts
from game.core.actions import WHITE_CELL
from game.core.observation import observe

EXERCISE = "EXERCISE · EXERCISE · EXERCISE"


def brief_markdown(crisis, obs, intel: bool = True) -> str:
    """A seat's brief, built from its observation only: nothing of another seat's private brief."""
    sc, rules = crisis.scenario, crisis.rules
    me = obs.me
    lines = [f"# {sc.title}", "", "## The situation (public)", "", sc.situation.strip(), ""]
    if me is None:
        return "\n".join(lines)
    lines += [f"## Your seat: {me.name} — {texts.kind_label(me)}",
              "", "*Private: only you and the White Cell see this part.*", ""]
    if me.brief:
        lines += [me.brief.strip(), ""]
    if me.kind == "chair":
        lines += ["You table courses of action, answer objections with amendments and packages, and call "
                  "silence. Members decide by consensus: one objection blocks. You broker; you pledge nothing, pay "
                  "no one and lead no coalition. You are scored on the collective objectives.", ""]
    if me.interests:
        lines += ["**Interests** (what you weigh in every proposal):", ""]
        for stake, w in me.interests.items():
            if not w:  # a weight of 0 weighs nothing: "against (+0)" would only puzzle
                continue
            decl = sc.stakes.get(stake) or rules.stakes.get(stake)
            lean = "for" if w > 0 else "against"
            lines.append(f"- {decl.label if decl else stake}: {lean} ({w:+g})")
        lines.append("")
    if me.red_lines:
        lines += ["**Red lines**:", ""] + [
            f"- {r.text} *(you would object: {texts.value_label(crisis, 'object', 'reason', r.reason).lower()})*"
            for r in me.red_lines] + [""]
    res = {k: v for k, v in obs.state.resources.get(obs.seat, {}).items() if v}
    lines += ["**Resources**: " + (", ".join(f"{texts.value_label(crisis, 'pledge', 'resource', k)} {v}"
                                             for k, v in res.items()) or "none")
              + f"; political capital {obs.state.capital.get(obs.seat, 0)}", ""]
    if me.caveats:
        lines += ["**National caveats** on your pledges: " + ", ".join(rules.caveats[c].label for c in me.caveats), ""]
    if me.positions.insists_on_mandate:
        lines += ["**National position**: you insist on a UN Security Council mandate for operations outside "
                  "Alliance territory.", ""]
    lines += _legal_frame(crisis, obs)
    objectives = list(me.objectives) + list(sc.objectives)
    if objectives:
        lines += ["**Objectives** (scored at the end):", ""]
        lines += [f"- {o.text} — {texts.points(o.points)}" + (" *(national)*" if o in me.objectives else " *(collective)*")
                  for o in objectives] + [""]
    lines += menu_section(crisis, obs.state)
    if intel and obs.intel:
        lines += ["## Intelligence released to you", ""]
        lines += [f"- **[{marking}]** {text}" for _inj, marking, text in obs.intel] + [""]
    return "\n".join(lines)



def menu_section(crisis, state) -> list[str]:
    """The courses of action the chair may table (public): what each does, its legal bases, what it
    needs, its difficulty and the caveats on offer."""
    out = ["## The courses of action on the menu", ""]
    for oid, opt in crisis.scenario.options.items():
        out.append(f"**{opt.title}**")
        out.append("")
        for head, words in menu.option_lines(crisis, state, oid):
            if head == "Positions stated":
                continue
            out.append(f"- {head}: {words}" if head else f"- {words}")
        out.append("")
    return out


def _legal_frame(crisis, obs) -> list[str]:
    """The public legal frame: the Security Council as it stands, armed attacks, and the legal basis
    of every adopted operation with how it was obtained."""
    sc, state = crisis.scenario, obs.state
    out = []
    council = sc.security_council
    if council.permanent or council.standing_mandate is not None or council.text:
        out += ["**The UN Security Council** (nine votes of fifteen and no permanent member's veto pass a "
                "resolution):", ""]
        if council.text:
            out += [council.text.strip(), ""]
        for m in council.permanent.values():
            vote = m.vote.replace("_", " ")
            out.append(f"- {m.name} (permanent): {vote}" + (f" — {m.reason}" if m.reason else ""))
        seated = [a.name for a in sc.actors.values() if a.positions.unsc_permanent]
        if seated:
            out.append(f"- At this table, permanent members: {', '.join(seated)}")
        if council.standing_mandate is not None:
            sm = council.standing_mandate
            out.append(f"- In force: {sm.resolution}, covering "
                       + ", ".join(texts.option_title(crisis, o) for o in sm.covers))
        out.append("")
    if state.attacks:
        out += ["**Armed attacks**: " + "; ".join(
            f"on {texts.actor_name(crisis, on)} in turn {t}" for on, _by, t in state.attacks), ""]
    if state.operations:
        out += ["**Operations adopted and what they rest on**:", ""]
        out += [f"- {texts.option_title(crisis, op.option)} (operation {op.number}): "
                f"{texts.legal_basis(crisis, state, op)}" for op in state.operations] + [""]
    return out


def master_events_list(crisis) -> str:
    """The White Cell's list: every inject with its trigger, public text, private texts and effects."""
    sc = crisis.scenario
    lines = [f"# Master events list: {sc.title}", "", "*White Cell only. Do not hand to players.*", "",
             "| # | inject | trigger | public text | private texts | effects |", "|---|---|---|---|---|---|"]
    for i, (iid, inj) in enumerate(sc.injects.items(), 1):
        trigger = texts.trigger_words(crisis, inj)
        private = "<br>".join(f"[{p.releasability}] to {', '.join(texts.actor_name(crisis, a) for a in p.to)}: "
                              f"{p.text}" for p in inj.private) or "—"
        effects = ", ".join(texts.expression_words(crisis, e.text) for e in inj.effects) or "—"
        lines.append(f"| {i} | **{inj.title}** | {trigger} | {inj.text} | {private} | {effects} |")
    lines += ["", "## Courses of action on the menu", ""]
    for oid, opt in sc.options.items():
        bases = ", ".join(crisis.rules.legal_bases[b].label for b in opt.legal_bases)
        lines.append(f"- **{opt.title}**: {opt.text.strip()} *Legal basis: {bases}.*")
    lines += ["", "## End conditions", ""]
    for eid, end in sc.end_conditions.items():
        when = ("when time runs out, if " if end.final else "as soon as ") + texts.expression_words(crisis, end.when.text)
        lines.append(f"- **{end.title}** ({end.verdict}): {when}")
    return "\n".join(lines) + "\n"


def papers(crisis, seat: str | None = None) -> dict[str, str]:
    """Markdown papers by name: one read-ahead per seat (or only `seat`'s), and the master events list."""
    start = engine.new_game(crisis, 0).state
    out = {}
    seats = [seat] if seat and seat != WHITE_CELL else list(engine.seats(crisis))
    for s in seats:
        body = brief_markdown(crisis, observe(crisis, start, s), intel=False)
        out[f"brief-{s}"] = f"**{EXERCISE}**\n\n{body}\n\n*Intelligence is released to you during the exercise.*\n\n**{EXERCISE}**\n"
    if seat is None or seat == WHITE_CELL:
        out["master-events-list"] = f"**{EXERCISE}**\n\n{master_events_list(crisis)}\n**{EXERCISE}**\n"
    return out


def to_html(title: str, markdown_pages: dict[str, str]) -> str:
    """One offline HTML file, a page per paper (a small Markdown subset: headings, lists, tables, bold)."""
    import re

    def inline(t: str) -> str:
        t = html.escape(t).replace("&lt;br&gt;", "<br>")
        t = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", t)
        t = re.sub(r"\*(.+?)\*", r"<em>\1</em>", t)
        return re.sub(r"`(.+?)`", r"<code>\1</code>", t)
    import html  # a seat's brief on screen needs no HTML

    from game.review.html import CSS
    out = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">', f"<title>{html.escape(title)}</title>",
           f"<style>{CSS} .page {{ break-after: page; page-break-after: always; }} "
           "table { table-layout: fixed; width: 100%; }</style>", "</head><body>"]
    for name, md in markdown_pages.items():
        out.append(f'<section class="page" id="{html.escape(name)}"><div class="banner">{EXERCISE}</div>')
        in_list = in_table = False
        para: list[str] = []

        def flush() -> None:
            if para:
                out.append(f"<p>{inline(' '.join(para))}</p>")
                para.clear()
        for line in md.splitlines():
            if line.startswith("|") and "---" in line:
                continue
            if line.startswith("|"):
                flush()
                cells = [c.strip() for c in line.strip("|").split("|")]
                if not in_table:
                    out.append("<table>")
                    in_table = True
                out.append("<tr>" + "".join(f"<td>{inline(c)}</td>" for c in cells) + "</tr>")
                continue
            if in_table:
                out.append("</table>")
                in_table = False
            if line.startswith("- "):
                flush()
                if not in_list:
                    out.append("<ul>")
                    in_list = True
                out.append(f"<li>{inline(line[2:])}</li>")
                continue
            if in_list:
                out.append("</ul>")
                in_list = False
            m = re.match(r"(#+) (.*)", line)
            if m:
                flush()
                n = len(m.group(1))
                out.append(f"<h{n}>{inline(m.group(2))}</h{n}>")
            elif line.strip():
                para.append(line.strip())  # a paragraph's lines, wrapped in the file: one paragraph
            else:
                flush()
        flush()
        if in_list:
            out.append("</ul>")
        if in_table:
            out.append("</table>")
        out.append(f'<div class="banner">{EXERCISE}</div></section>')
    out.append("</body></html>")
    return "\n".join(out) + "\n"
