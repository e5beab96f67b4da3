"""`play.py --scenario FILE --seat ID --seed N`: straight to the table. The table is on screen
first; the scenario is loaded and the game opened right after its first frame (only then are the
engine's modules imported), so nothing the first frame does not need is done before it."""
from __future__ import annotations

import random


def start_direct(app) -> None:
    o = app.options

    def opening():
        from game.core.actions import WHITE_CELL  # lazy: start-up
        from game.scenario.loader import load_scenario  # lazy: start-up
        from game.tui.heap import settle_heap  # lazy: start-up
        from game.tui.session import HUMAN, LocalSession  # lazy: start-up
        crisis = load_scenario(o.scenario)
        seat = o.seat or crisis.scenario.chair
        seed = o.seed if o.seed is not None else random.SystemRandom().randrange(1_000_000)
        controls = {seat: HUMAN} if seat != WHITE_CELL else {}
        if o.white_cell or seat == WHITE_CELL:
            controls[WHITE_CELL] = HUMAN
        session = LocalSession.new(crisis, seed, controls, app.save_folder)
        settle_heap()
        return session
    app.push_screen(app.make_screen("table", None, briefing=True, opening=opening))
