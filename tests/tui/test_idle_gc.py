"""Full garbage collections are made while nobody types, not when a key press meets one."""
import gc
import time

from tests.tui.harness import app_for, settle


async def test_a_full_collection_waits_for_a_quiet_moment(tmp_path, monkeypatch):
    calls = []
    monkeypatch.setattr(gc, "collect", lambda *a: calls.append(a) or 0)
    app = app_for(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, app)
        # start-up's own collection (heap.settle_heap, once per process) is made by now: when this
        # test opens its process's first app, it is the one in the list
        calls.clear()
        await pilot.press("enter")  # a key: the player is active
        app.last_collect = 0.0
        app.idle_collect()
        assert calls == [], "no collection right after a key press"
        app.last_input = time.monotonic() - 2.0  # two quiet seconds
        app.idle_collect()
        assert len(calls) == 1
        app.last_input = time.monotonic() - 2.0
        app.idle_collect()
        assert len(calls) == 1, "at most one every few seconds"
    assert gc.get_threshold()[2] >= 100, "the automatic full collection is only a rare backstop"
