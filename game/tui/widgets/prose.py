"""Our own Markdown (briefs, the step's help) as Rich text for a Static: headings, paragraphs whose
lines are joined, "- " lists, **bold**, *italic* and `code`. Far lighter than Textual's Markdown
widget (no parser to import, no widget per block), so a seat's brief opens at start-up without it.
The text is never read as markup: what a scenario's author wrote is shown as written."""
from __future__ import annotations

import re

from rich.text import Text

from game.core.plain import printable

_INLINE = re.compile(r"\*\*(.+?)\*\*|\*(.+?)\*|`(.+?)`")


def _inline(out: Text, line: str, style: str = "") -> None:
    at = 0
    for m in _INLINE.finditer(line):
        out.append(line[at:m.start()], style=style)
        bold, italic, code = m.groups()
        if bold is not None:
            out.append(bold, style=f"{style} bold".strip())
        elif italic is not None:
            out.append(italic, style=f"{style} italic".strip())
        else:
            out.append(code, style=f"{style} bold".strip())
        at = m.end()
    out.append(line[at:], style=style)


def markdown_text(md: str) -> Text:
    out = Text()
    para: list[str] = []

    def flush() -> None:
        if para:
            _inline(out, " ".join(p.strip() for p in para))
            out.append("\n\n")
            para.clear()
    for raw in printable(md).splitlines():
        line = raw.rstrip()
        if not line.strip():
            flush()
            continue
        heading = re.match(r"(#+) (.*)", line)
        if heading:
            flush()
            level = len(heading.group(1))
            _inline(out, heading.group(2), "bold reverse" if level == 1 else "bold underline" if level == 2 else "bold")
            out.append("\n\n")
        elif line.lstrip().startswith("- "):
            flush()
            out.append("  • ")
            _inline(out, line.lstrip()[2:])
            out.append("\n")
        else:
            para.append(line)
    flush()
    out.rstrip()
    return out
