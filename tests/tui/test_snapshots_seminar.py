"""What a seminar's screens show (a syndicate's browser shows the same app): the join screen after
a wrong code, and a delegation's table on the shared game. Look at the report before
`pytest --snapshot-update`."""
from game.seminar import host
from game.tui.app import Options, make_app
from tests.tui.harness import screen_name, until


def _game(crisis, tmp_path):
    store, codes, _ = host.open_or_create(crisis, tmp_path / "room.sqlite", folder=tmp_path, new=True, seed=5,
                                          humans=["DEU", "POL"], turns=None)
    store.close()
    return tmp_path / "room.sqlite", codes


def test_join_screen_after_a_wrong_code(crisis, tmp_path, snap_compare, monkeypatch):
    monkeypatch.setenv("CONSENSUS_CLIENT", "web:10.0.0.9")
    path, _ = _game(crisis, tmp_path)

    async def wrong(pilot):
        await pilot.pause()
        await pilot.press(*"ABCD-EFGH-JKMN", "enter")
        await pilot.pause()
    assert snap_compare(make_app(Options(game=str(path))), terminal_size=(100, 30), run_before=wrong)


def test_a_delegations_table_in_a_seminar(crisis, tmp_path, snap_compare):
    path, codes = _game(crisis, tmp_path)

    async def to_table(pilot):
        for _ in range(100):
            await pilot.pause(0.05)
            if screen_name(pilot.app) == "BriefingScreen":
                break
        await pilot.press("enter")
        await until(pilot, lambda: screen_name(pilot.app) == "TableScreen")
        await pilot.pause(0.3)  # (drawn)
    assert snap_compare(make_app(Options(game=str(path), code=codes["DEU"])), terminal_size=(120, 40),
                        run_before=to_table)
