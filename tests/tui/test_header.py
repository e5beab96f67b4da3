"""Our Header: a title set while a screen's header is being taken down is no crash."""
from textual.app import App, ComposeResult

from game.tui.widgets.header import Header


class _One(App):
    def compose(self) -> ComposeResult:
        yield Header()


async def test_a_title_change_on_a_header_being_taken_down_is_not_a_crash():
    app = _One()
    async with app.run_test() as pilot:
        header = app.query_one(Header)
        await header.query_one("HeaderTitle").remove()  # as when its screen closes
        app.title = "A new title"  # the watcher runs on a header without its title
        await pilot.pause()
        app.sub_title = "and a sub-title"
        await pilot.pause()
    assert app.return_code in (0, None)


async def test_the_title_still_shows():
    app = _One()
    async with app.run_test() as pilot:
        app.title = "Dark Current"
        await pilot.pause()
        assert "Dark Current" in str(app.query_one("HeaderTitle").render())
