"""Focus, keys and choices as a newcomer guesses them, at 80x24: the moves list has the keys, the
footer follows the step, a refused key says why, the palette and `?` speak of this step, moves that
cannot be taken back are asked again (Enter means cancel), undo says what it undid, the chair's menu
says what each course of action is and keeps the ones not open now, greyed, with the reason."""
from __future__ import annotations

from textual.widgets._footer import FooterKey

from game.core import actions as A
from game.tui.widgets.actions import ActionMenu
from tests.conftest import ROOT
from tests.tui.harness import app_for, notifications, screen_name, settle, until

SIZE = (80, 24)
FRONTLINE = str(ROOT / "scenarios" / "frontline_hybrid.yaml")


async def to_my_move(pilot, app, seat: str, phase: str, limit: int = 300) -> None:
    """Pass (space, Enter on dialogs) until it is `seat`'s move in `phase`."""
    for _ in range(limit):
        await settle(pilot, app)
        name = screen_name(app)
        if name in ("BriefingScreen", "AssessmentScreen", "HandoverScreen"):
            await pilot.press("enter")
            continue
        if name == "ChooseAction":
            await pilot.press("enter")
            continue
        if name == "ConfirmDialog":
            await pilot.press("y")
            continue
        table = app.screen
        s = app.session
        if table.seat != seat or seat not in s.acting() or table.busy:
            await pilot.pause(0.02)
            continue
        if s.state.phase.value == phase:
            return
        kinds = s.legal(seat).kinds()
        if s.state.phase.value == "proposal" and "table" in kinds:
            await pilot.press("t")
        elif s.state.phase.value == "amendment":
            await pilot.press("g" if "recirculate" in kinds else "w")
        elif "consent" in kinds:
            await pilot.press("c")
        else:
            await pilot.press("space")
    raise AssertionError(f"never {seat}'s move in {phase}")


async def footer_keys(pilot, app) -> dict[str, bool]:
    """The footer's keys as shown: key -> lit (True) or greyed (False), once the footer has been
    recomposed for the step (the same keys on three looks 50 ms apart; a busy machine lags)."""
    seen = []
    for _ in range(60):
        seen.append({k.key: not k._disabled for k in app.screen.query(FooterKey)})
        if len(seen) >= 3 and seen[-1] and seen[-1] == seen[-2] == seen[-3]:
            break
        await pilot.pause(0.05)
    return seen[-1]


async def test_brief_then_down_and_enter_act_without_tab(tmp_path):
    """After the brief, Down and Enter choose a move: the moves list has the keys, its highlighted
    move is marked with a pointer (not colour alone)."""
    app = app_for(tmp_path, seat="HUN", seed=7)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        assert screen_name(app) == "BriefingScreen"
        await pilot.press("enter")
        await settle(pilot, app)
        menu = app.screen.query_one(ActionMenu)
        assert app.focused is menu
        assert "▶" in menu.render_line(0).text  # the pointer beside the move Enter makes
        before = len(app.session.log.records)
        await pilot.press("down", "up", "enter")  # (back to "Pass": the first move)
        await settle(pilot, app)
        assert len(app.session.log.records) > before
        assert any(a["action"]["seat"] == "HUN" for a in app.session.log.records[before:])


async def test_tab_cycles_through_the_panels_and_back(tmp_path):
    app = app_for(tmp_path, seat="HUN", seed=7)
    async with app.run_test(size=SIZE) as pilot:
        await to_my_move(pilot, app, "HUN", "consultation")
        seen = []
        for _ in range(4):
            seen.append(app.focused.id)
            await pilot.press("tab")
        assert seen[0] == "actions" and {"delegations", "feed"} <= set(seen) and app.focused.id in seen
        for widget in app.screen.focus_chain:
            assert widget.region.right <= SIZE[0] and widget.region.bottom <= SIZE[1]  # never off screen


async def test_the_footer_follows_the_step_and_shows_help_and_quit(tmp_path):
    app = app_for(tmp_path, seat="MDA", seed=7)
    async with app.run_test(size=SIZE) as pilot:
        await to_my_move(pilot, app, "MDA", "consultation")
        keys = await footer_keys(pilot, app)
        assert "space" in keys and "question_mark" in keys and "q" in keys
        assert "s" not in keys and "c" not in keys  # no support or consent in consultation
        await to_my_move(pilot, app, "MDA", "negotiation")
        keys = await footer_keys(pilot, app)
        assert keys.get("c") and keys.get("x"), "the host's consent and refusal are lit"
        assert "s" not in keys and "space" not in keys  # not a host's answer
        assert "question_mark" in keys and "q" in keys
        for k in app.screen.query(FooterKey):
            assert k.region.right <= SIZE[0], f"footer key {k.key} is off screen"


async def test_a_host_pressing_silence_is_told_it_answers_with_consent(tmp_path):
    app = app_for(tmp_path, seat="MDA", seed=7)
    async with app.run_test(size=SIZE) as pilot:
        await to_my_move(pilot, app, "MDA", "negotiation")
        await pilot.press("space")
        await pilot.pause(0.1)
        said = "\n".join(notifications(app))
        assert "consent" in said and "not this seat's step" not in said and "Rule:" in said
        assert app.session.state.submitted("MDA") is None  # nothing was played
        await pilot.press("x")  # refuse: a reason, and an optional condition
        await settle(pilot, app)
        assert screen_name(app) == "ChooseAction"


async def test_palette_lists_this_seats_moves_and_plays_them(tmp_path):
    app = app_for(tmp_path, seat="HUN", seed=7)
    async with app.run_test(size=SIZE) as pilot:
        await to_my_move(pilot, app, "HUN", "negotiation")
        await pilot.press("ctrl+p")
        await until(pilot, lambda: screen_name(app) == "CommandPalette")
        assert screen_name(app) == "CommandPalette"
        await pilot.press(*"support")
        await pilot.pause(0.4)
        from textual.command import CommandList
        hits = app.screen.query_one(CommandList)
        shown = [str(hits.get_option_at_index(i).prompt) for i in range(hits.option_count)]
        assert any("Move: Support" in h for h in shown), shown
        await pilot.press("enter")
        await settle(pilot, app)
        assert any(isinstance(a, A.Support) and a.seat == "HUN" for a in
                   (A.from_dict(r["action"]) for r in app.session.log.records))


async def test_question_mark_explains_the_step_and_the_seats_moves(tmp_path):
    app = app_for(tmp_path, seat="MDA", seed=7)
    async with app.run_test(size=SIZE) as pilot:
        await to_my_move(pilot, app, "MDA", "negotiation")
        await pilot.press("question_mark")
        await until(pilot, lambda: screen_name(app) == "HelpScreen" and bool(app.screen.query("Markdown")))
        assert screen_name(app) == "HelpScreen"
        text = app.screen.query_one("Markdown")._markdown
        assert text.startswith("## Now: Negotiation")
        assert "Your moves as Republic of Moldova" in text and "`c` Consent as host nation" in text


async def test_tabling_is_asked_again_and_enter_cancels(tmp_path):
    app = app_for(tmp_path, seat="SG", seed=7)
    async with app.run_test(size=SIZE) as pilot:
        await to_my_move(pilot, app, "SG", "proposal")
        await pilot.press("t")
        for _ in range(6):  # the first open choice at each question
            await pilot.pause(0.1)
            if screen_name(app) != "ChooseAction":
                break
            await pilot.press("enter")
        assert screen_name(app) == "ConfirmDialog"
        await pilot.press("enter")  # the focus is on Cancel
        await settle(pilot, app)
        assert screen_name(app) == "TableScreen" and app.session.state.phase.value == "proposal"
        assert "Cancelled: Nothing was done." in notifications(app)
        await pilot.press("t")
        for _ in range(6):
            await pilot.pause(0.1)
            if screen_name(app) != "ChooseAction":
                break
            await pilot.press("enter")
        await pilot.press("y")
        await settle(pilot, app)
        assert app.session.state.decisions, "tabled after the confirmation"


async def test_undo_says_what_it_took_back(tmp_path):
    app = app_for(tmp_path, seat="HUN", seed=7, pace="readable")  # the seats after Hungary take a while
    async with app.run_test(size=SIZE) as pilot:
        await to_my_move(pilot, app, "HUN", "negotiation")
        await pilot.press("s")
        await pilot.pause(0.05)
        assert isinstance(app.session.state.submitted("HUN"), A.Support)  # the round is still open
        await pilot.press("u")
        await pilot.pause(0.1)
        assert any("Undone" in n and "support is taken back" in n for n in notifications(app))
        assert app.session.state.submitted("HUN") is None


async def test_the_chairs_menu_says_what_each_option_is_and_greys_article5_with_the_reason(tmp_path):
    app = app_for(tmp_path, seat="SG", seed=7, scenario=FRONTLINE)
    async with app.run_test(size=SIZE) as pilot:
        await to_my_move(pilot, app, "SG", "proposal")
        assert "texts 0/" in str(app.screen.query_one("#proposal").border_title)  # the limits, always
        await pilot.press("t")
        await pilot.pause(0.2)
        dialog = app.screen
        assert screen_name(app) == "ChooseAction"
        choices = dialog.query_one("#choices")
        labels = [str(choices.get_option_at_index(i).prompt) for i in range(choices.option_count)]
        title = app.session.crisis.scenario.options["article5"].title
        index = next(i for i, x in enumerate(labels) if x.startswith(title))
        legal = app.session.legal("SG")
        why = legal.why_not(A.Table("SG", "article5", "collective_defence", "LTU", (("response", "declaratory"),)))
        assert why is not None and why.reason in labels[index], "greyed, with the engine's reason"
        choices.highlighted = 0
        await pilot.pause(0.1)
        about = str(dialog.query_one("#about-text").content)
        first = app.session.crisis.scenario.options[next(iter(app.session.crisis.scenario.options))]
        for part in ("Legal bases:", "Needs:", "Difficulty:", "Positions stated:"):
            assert part in about
        assert first.text.split()[0] in about
        choices.highlighted = index
        await pilot.press("enter")  # a greyed choice: it says why and stays
        await pilot.pause(0.1)
        assert screen_name(app) == "ChooseAction" and any(why.reason in n for n in notifications(app))


async def test_handover_waits_for_enter(tmp_path):
    app = app_for(tmp_path, seat="HUN", seed=7)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        app.push_screen(app.make_screen("handover", "Romania", "Hungary"))
        await pilot.pause(0.1)
        await pilot.press("space", "s", "x", "escape")
        await pilot.pause(0.1)
        assert screen_name(app) == "HandoverScreen"
        await pilot.press("enter")
        await pilot.pause(0.1)
        assert screen_name(app) != "HandoverScreen"


async def test_at_80x24_every_delegation_stance_capital_and_meter_label_is_on_screen(tmp_path):
    app = app_for(tmp_path, seat="HUN", seed=7)
    async with app.run_test(size=SIZE) as pilot:
        await to_my_move(pilot, app, "HUN", "negotiation")
        table = app.screen.query_one("#delegations")
        lines = str(table.query_one("#delegation-rows").content).splitlines()
        assert lines[0].split() == ["Delegation", "Stance", "(…", "to", "act)", "Cap", "Resources"]  # no column cut
        assert table.row_count == len(app.session.crisis.delegations) == len(lines) - 1
        for line, seat in zip(lines[1:], app.session.crisis.delegations):
            words = line.split()
            assert words[-2].isdigit() or words[-1].isdigit()  # the capital is there, in its column
        last = table.region.y + 2 + table.row_count  # title rule, header, rows
        assert last <= SIZE[1] - 1
        meters = str(app.screen.query_one("#meters").content)
        for m in app.session.crisis.scenario.meters.values():
            assert m.label in meters


async def test_setup_fits_80x24_with_start_and_white_cell_reachable(tmp_path):
    from game.tui.app import Options, make_app
    app = make_app(Options(save_dir=str(tmp_path), scenario_files=[str(ROOT / "scenarios" / "first_response.yaml")]))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        menu = app.screen.query_one("#menu")
        ids = [menu.get_option_at_index(i).id for i in range(menu.option_count)]
        menu.highlighted = next(i for i, k in enumerate(ids) if k.endswith("first_response.yaml"))
        await pilot.press("enter")
        await until(pilot, lambda: screen_name(app) == "SetupScreen")
        assert screen_name(app) == "SetupScreen"
        reached = []
        for _ in range(8):
            await pilot.press("tab")
            w = app.focused
            reached.append(w.id)
            assert w.region.right <= SIZE[0] and w.region.bottom <= SIZE[1], f"{w.id} is off screen"
        assert {"whitecell", "pace", "start"} <= set(reached)
        seats = app.screen.query_one("#seats")
        assert "you" in str(seats.get_option_at_index(0).prompt)  # ticked seats say so in words
        app.screen.query_one("#start").focus()
        await pilot.press("enter")
        await settle(pilot, app)
        assert screen_name(app) in ("BriefingScreen", "HandoverScreen", "TableScreen")


async def test_the_feed_wraps_again_when_the_terminal_is_resized(tmp_path):
    app = app_for(tmp_path, seat="HUN", seed=7)
    async with app.run_test(size=SIZE) as pilot:
        await to_my_move(pilot, app, "HUN", "consultation")
        feed = app.screen.query_one("#feed")
        narrow = len(feed.lines)
        await pilot.resize_terminal(160, 40)
        await pilot.pause(0.3)
        assert len(feed.lines) < narrow and max(len(s.text) for s in feed.lines) > 40


async def test_the_chairs_menu_fits_80x24_and_pgdn_reads_on(tmp_path):
    """At 80x24 the chair's menu keeps its hint line on screen, and a description longer than its
    panel is read with PgDn/PgUp while the arrows stay on the list."""
    app = app_for(tmp_path, seat="SG", scenario=FRONTLINE)
    async with app.run_test(size=SIZE) as pilot:
        await to_my_move(pilot, app, "SG", "proposal")
        await pilot.press("t")
        await pilot.pause(0.3)
        dialog = app.screen
        assert screen_name(app) == "ChooseAction"
        choices, about = dialog.query_one("#choices"), dialog.query_one("#about")
        long = None
        for i in range(choices.option_count):
            choices.highlighted = i
            await pilot.pause(0.1)
            if about.max_scroll_y > 0:
                long = i
                break
        assert long is not None, "no description is longer than its panel at 80x24"
        shown = "\n".join(s.text for s in dialog._compositor.render_strips())
        assert "PgDn" in shown and "Esc back" in shown, shown
        await pilot.press("pagedown")
        await pilot.pause(0.1)
        assert about.scroll_y > 0 and choices.highlighted == long
        await pilot.press("pageup")
        await pilot.pause(0.1)
        assert about.scroll_y == 0 and choices.highlighted == long


async def _palette_hits(pilot, app, word: str) -> list[str]:
    from textual.command import CommandList
    await pilot.press("ctrl+p")
    await until(pilot, lambda: screen_name(app) == "CommandPalette")
    assert screen_name(app) == "CommandPalette"
    await pilot.press(*word)
    await pilot.pause(0.5)
    hits = app.screen.query_one(CommandList)
    shown = [str(hits.get_option_at_index(i).prompt) for i in range(hits.option_count)]
    await pilot.press("escape")
    await pilot.pause(0.1)
    return shown


async def test_the_palette_finds_a_move_by_the_word_a_newcomer_types(tmp_path):
    """ctrl+p and the word a newcomer would type: the seat's move is the first thing offered, by its
    name ("support", "object", "share", "pledge", "consent") or a word for it ("agree", "block",
    "approve", "give")."""
    app = app_for(tmp_path / "hun", seat="HUN", seed=7)
    async with app.run_test(size=SIZE) as pilot:
        await to_my_move(pilot, app, "HUN", "consultation")
        for word, move in (("share", "Share intelligence"), ("support", "Support"), ("object", "Object"),
                           ("pledge", "Pledge"), ("agree", "Support"), ("block", "Object"), ("give", "Pledge")):
            shown = await _palette_hits(pilot, app, word)
            assert shown and f"Move: {move}" in shown[0], (word, shown[:4])
    app = app_for(tmp_path / "mda", seat="MDA", seed=7)
    async with app.run_test(size=SIZE) as pilot:
        await to_my_move(pilot, app, "MDA", "negotiation")
        for word, move in (("consent", "Consent as host nation"), ("approve", "Consent as host nation"),
                           ("refuse", "Refuse consent")):
            shown = await _palette_hits(pilot, app, word)
            assert shown and f"Move: {move}" in shown[0], (word, shown[:4])
