"""Text from scenario authors, saves and other players enters widgets as text, never as markup.

Textual reads a plain string given to Static, Label, an Option, a DataTable cell or a notification
as content markup: a scenario title holding `[link=…]` crashed the join page for every browser, and
`[bold red]` was applied. Every such string goes through here: `literal(text)` is the text exactly
as written; `markup(template, **values)` fills `$name` slots of our own markup with literal values.
Control characters other than newline and tab are shown as visible escapes (`\\x1b`), never passed
to the terminal."""
from __future__ import annotations

from textual.content import Content

from game.core.plain import printable


def literal(text: object) -> Content:
    return Content(printable(str(text)))


def markup(template: str, **values: object) -> Content:
    return Content.from_markup(template, **{k: printable(str(v)) for k, v in values.items()})
