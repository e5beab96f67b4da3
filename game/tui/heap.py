"""The garbage collector and a long-lived app: freeze what start-up made, collect while idle."""
from __future__ import annotations

import gc

_heap_settled = False


def settle_heap() -> None:
    """Once started: what exists now (Textual, the game's modules, the loaded scenario) lives as long
    as the app, so move it out of the garbage collector's sight (gc.freeze). A full collection then
    walks only what the game makes as it is played, and the pause a key press may meet is that much
    shorter. Once per process: a later app in the same process (tests) would freeze the garbage
    the earlier ones left. (Collections are switched back on, should start-up have held them off.)"""
    global _heap_settled
    if not _heap_settled:
        _heap_settled = True
        gc.collect()  # what start-up threw away (the scenario file's YAML nodes ...) is freed, not frozen
        gc.freeze()
        # After a freeze Python counts no long-lived objects, so its guard against too-frequent full
        # collections (only when a quarter more have accumulated) no longer holds one back: a full
        # collection came every 10th middle one, several per game, each a 100-500 ms pause a key
        # press could meet. Full collections are now made while nobody is typing (the app's
        # idle_collect); the automatic one stays, 20 times rarer, as a backstop. The young
        # generations are collected as before.
        young, middle, old = gc.get_threshold()
        gc.set_threshold(young, middle, old * 20)
    gc.enable()
