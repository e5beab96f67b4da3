"""Text as a terminal may show it (imports nothing: the table's first frame needs it, not the engine)."""
from __future__ import annotations

import re

CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # all but newline and tab


def printable(text: str) -> str:
    """Text as it may be written to a terminal: a control character other than newline and tab (an
    escape code's ESC, a bell, a carriage return) is shown as its escape (`\\x1b`), never sent."""
    return CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)
