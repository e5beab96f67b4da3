"""What is on the table: the text, its amendments, and where the silence procedure stands."""
from __future__ import annotations

from rich.text import Text
from textual.widgets import Static



class ProposalPanel(Static):
    _shown = None

    def show(self, crisis, state, warnings: tuple[str, ...] = ()) -> None:
        """`warnings`: what the text on the table does against the brief of the seat on screen (its
        red lines crossed, a mandate it insists on missing), in its own words: for its eyes only."""
        p = state.proposal
        shown = (crisis, p, state.decisions[-1] if p is None and state.decisions else None, warnings)
        if shown == self._shown:  # unchanged (proposals and decisions are frozen values)
            return
        self._shown = shown
        from game.core import texts  # lazy: start-up
        t = Text()
        if p is None:
            t.append("Nothing on the table.", style="dim")
            if state.decisions:
                d = state.decisions[-1]
                t.append(f"\nLast: {texts.option_title(crisis, d.option)} — {texts.decision_outcome(crisis, d)}")
            self.update(t)
            return
        # what amendment changes first (a short pane at 80x24 cuts its last lines, and the round is in
        # its border too): the caveats, then the parameters, the basis and the host
        t.append(" + ".join(texts.option_title(crisis, o) for o in p.options), style="bold")
        for warning in warnings:  # the brief first: what a newcomer must not consent to by habit
            t.append(f"\n⚠ {warning}", style="bold red")
        if p.caveats:
            t.append(f"\nCaveats: {texts.value_label(crisis, 'table', 'caveats', p.caveats)}", style="cyan")
        if p.concessions:
            t.append("\nConcessions: " + ", ".join(
                f"{texts.actor_name(crisis, a)} {n}" for a, n in p.concessions), style="cyan")
        if p.params:
            t.append(f"\n{texts.value_label(crisis, 'table', 'params', p.params)}")
        t.append(f"\n{texts.value_label(crisis, 'table', 'basis', p.basis)}")
        if p.host:
            t.append(f" · in {texts.actor_name(crisis, p.host)}")
        limit = crisis.rules.procedure.negotiation_rounds
        if p.failed:
            t.append("\nConsensus failed: withdraw, or act as a coalition of the willing.", style="bold red")
        else:
            t.append(f"\nUnder silence (round {p.round} of {limit}): silence is assent",
                     style="yellow")
        self.update(t)
