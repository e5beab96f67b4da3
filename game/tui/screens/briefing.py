"""A seat's briefing: the public situation, then its private national brief and intelligence."""
from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Markdown

from game import texts


def brief_markdown(crisis, obs) -> str:
    """Built from the seat's observation only: nothing of another seat's private brief."""
    sc, rules = crisis.scenario, crisis.rules
    me = obs.me
    lines = [f"# {sc.title}", "", "## The situation (public)", "", sc.situation.strip(), ""]
    if me is None:
        return "\n".join(lines)
    lines += [f"## Your seat: {me.name} ({me.kind}" + (f", {me.programme}" if me.kind == "partner" else "") + ")",
              "", "*Private: only you and the White Cell see this part.*", ""]
    if me.brief:
        lines += [me.brief.strip(), ""]
    if me.kind == "chair":
        lines += ["You table courses of action, answer objections with amendments and concessions, and call "
                  "silence. Members decide by consensus: one objection blocks. You are scored on the collective "
                  "objectives.", ""]
    if me.interests:
        lines += ["**Interests** (what you weigh in every proposal):", ""]
        for stake, w in me.interests.items():
            decl = sc.stakes.get(stake) or rules.stakes.get(stake)
            lean = "for" if w > 0 else "against"
            lines.append(f"- {decl.label if decl else stake}: {lean} ({w:+g})")
        lines.append("")
    if me.red_lines:
        lines += ["**Red lines**:", ""] + [f"- {r.text} *(you would object: {r.reason})*" for r in me.red_lines] + [""]
    res = {k: v for k, v in obs.state.resources.get(obs.seat, {}).items() if v}
    lines += ["**Resources**: " + (", ".join(f"{texts.value_label(crisis, 'pledge', 'resource', k)} {v}"
                                             for k, v in res.items()) or "none")
              + f"; political capital {obs.state.capital.get(obs.seat, 0)}", ""]
    if me.caveats:
        lines += ["**National caveats** on your pledges: " + ", ".join(rules.caveats[c].label for c in me.caveats), ""]
    if me.positions.insists_on_mandate:
        lines += ["**National position**: you insist on a UN Security Council mandate for operations outside "
                  "Alliance territory.", ""]
    objectives = list(me.objectives) + list(sc.objectives)
    if objectives:
        lines += ["**Objectives** (scored at the end):", ""]
        lines += [f"- {o.text} — {o.points} pts" + (" *(national)*" if o in me.objectives else " *(collective)*")
                  for o in objectives] + [""]
    if obs.intel:
        lines += ["## Intelligence released to you", ""]
        lines += [f"- **[{marking}]** {text}" for _inj, marking, text in obs.intel] + [""]
    return "\n".join(lines)


class BriefingScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    BriefingScreen { background: $background; }
    BriefingScreen VerticalScroll { padding: 0 2; }
    """
    BINDINGS = [Binding("enter", "close", "To the table"), Binding("escape", "close", "To the table", show=False)]

    def __init__(self, crisis, obs):
        super().__init__()
        self.text = brief_markdown(crisis, obs)

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Markdown(self.text)
        yield Footer()

    def action_close(self) -> None:
        self.dismiss(None)
