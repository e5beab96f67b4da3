"""Safe reading of one YAML file into composed nodes that know their file, line and column.

Nothing here constructs Python objects from tags: files are composed (not loaded) with the
safe loader, anchors and aliases are refused, and the file size is capped before parsing.
"""
from __future__ import annotations

import os
import re
from pathlib import Path

import yaml

from game.core.errors import Problem, ScenarioError
from game.core.plain import CONTROL

try:  # libyaml is ~10x faster; the pure loader gives the same marks
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - wheels ship libyaml
    _Loader = yaml.SafeLoader

MAX_FILE_BYTES = 2 * 1024 * 1024  # a real scenario is tens of KB; documented in docs/format.md
MAX_DEPTH = 64
MAX_NODES = 100_000  # values, lists and mappings in one file (a 150 KB scenario has ~15,000): counted while
# composing, so a file of a million tiny items is refused at its 100,001st, not after building them all

# Text is shown on terminals and pages: a control character in it could clear a screen, write to the
# clipboard (OSC 52) or ring the bell. Newline and tab are the only ones a scenario needs (CONTROL, in
# game/core/plain.py, is the one list the engine and the terminal outputs share).
RAW_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")  # in the file itself (CR ends lines)


def control_name(ch: str) -> str:
    names = {"\x1b": "ESC, which starts terminal escape codes", "\x07": "BEL", "\r": "a carriage return",
             "\x08": "a backspace", "\x7f": "DEL", "\x9b": "CSI, which starts terminal escape codes"}
    return f"U+{ord(ch):04X}" + (f" ({names[ch]})" if ch in names else "")


def _problem(file: str, mark, message: str) -> Problem:
    if mark is None:
        return Problem(file, 1, 1, message)
    return Problem(file, mark.line + 1, mark.column + 1, message)


_PLAIN = [  # PyYAML's wording -> plain words, and whether the start of the construct is the place
    ("exceeded maximum nesting depth", f"nesting deeper than {MAX_DEPTH} levels", False),
    ("found character that cannot start any token", "a tab character or a stray symbol: indent with spaces, "
     "and put text that starts with @, ` or % in quotes", False),
    ("mapping values are not allowed", "unexpected ':' here — check the indentation, or put text "
     "containing ': ' in quotes", False),
    ("could not find expected ':'", "this line has no ':' — each line of a mapping needs 'key: value'", True),
    ("expected ',' or ']'", "a list opened with '[' is not closed with ']'", True),
    ("expected ',' or '}'", "a mapping opened with '{' is not closed with '}'", True),
    ("found unexpected end of stream", "a quote is opened but never closed", True),
    ("did not find expected key", "this line does not line up with the keys above it (check the indentation)", False),
    ("did not find expected '-' indicator", "this line does not line up with the list above it "
     "(check the indentation)", False),
]


_BLOCK_START = re.compile(r'(:|^\s*-)\s*[|>][-+0-9]*\s*$')
_VALUE_QUOTE = re.compile(r"""(^\s*-\s+|^\s*|:\s+|[\[{,]\s*)["']""")


def _unclosed_quote(text: str, first: int, last: int) -> tuple[int, int] | None:
    """(line, col), 1-based, of a quote (" or ') that opens a value and is left open on its line,
    between two lines."""
    lines = text.splitlines()
    block_indent = None  # inside a | or > block: prose, where quotes mean nothing to YAML
    for i, raw in enumerate(lines[:min(last, len(lines))]):
        indent = len(raw) - len(raw.lstrip())
        if block_indent is not None:
            if raw.strip() and indent <= block_indent:
                block_indent = None
            else:
                continue
        if _BLOCK_START.search(raw.split(" #", 1)[0]):
            block_indent = indent
            continue
        if i < first:
            continue
        line = raw.split(" #", 1)[0]
        opening = _VALUE_QUOTE.search(line)  # a value that starts with a quote, not a quote inside text
        if opening is None:
            continue
        start = opening.end() - 1
        rest = line[start:]
        if rest[0] == '"':
            quotes = [j for j, ch in enumerate(rest) if ch == '"' and (j == 0 or rest[j - 1] != "\\")]
            if len(quotes) % 2 == 1:
                return i + 1, start + quotes[-1] + 1
        elif not _single_closed(rest):
            return i + 1, start + 1
    return None


def _single_closed(rest: str) -> bool:
    """Whether the single quote that opens `rest` is closed in it ('' is a quote inside)."""
    j = 1
    while j < len(rest):
        if rest[j] == "'":
            if rest[j + 1:j + 2] != "'":
                return True
            j += 1
        j += 1
    return False


_KEY_OR_ITEM = re.compile(r"^\s*(-\s|-$|[^\s#\-][^#]*:(\s|$))")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _overindented_block(text: str, bad: int, column: int) -> tuple[int, int, str] | None:
    """For a line that lines up with nothing above it (0-based `bad`): when the lines after it
    line up with it, or its own keys line up with the lines above it, or it is a '- ' item and
    the lines above are keys, not items, the odd ones
    out are the lines above it under their parent key, indented deeper than `bad`: a key or '- '
    line is missing above them, most often. (line, col, message), 1-based."""
    lines = text.splitlines()
    if bad >= len(lines) or column != _indent(lines[bad]):  # the fault is inside the line, not its indent
        return None
    content = [i for i, ln in enumerate(lines) if ln.strip() and not ln.lstrip().startswith("#")]
    c = _indent(lines[bad])
    above = [i for i in content if i < bad]
    parent = next((i for i in reversed(above) if _indent(lines[i]) < c), None)
    if parent is None or not _KEY_OR_ITEM.match(lines[parent]):
        return None
    block = [i for i in above if i > parent]
    if not block:
        return None
    first, d = block[0], _indent(lines[block[0]])
    if d <= c or any(_indent(lines[i]) < d for i in block):
        return None
    item = lines[bad].lstrip().startswith("-")
    after = next((i for i in content if i > bad and _indent(lines[i]) <= c), None)
    followed = after is not None and _indent(lines[after]) == c
    nxt = dict(zip(content, content[1:]))
    # its own keys line up with those above, and the file nests keys that way elsewhere
    like_its_own = bad in nxt and _indent(lines[nxt[bad]]) == d and any(
        i != bad and _indent(lines[i]) == c and _indent(lines[nxt[i]]) == d for i in nxt)
    if not (followed or like_its_own or (item and not lines[first].lstrip().startswith("-"))):
        # nothing below lines up with it, and it does not start the list the lines above should
        # be items of: that line is the one out of place
        return None
    what = "a '- ' line for a new item" if item else "a 'key:' line"
    span = f"line {first + 1} is" if first == bad - 1 else f"lines {first + 1}-{bad} are"
    return first + 1, d + 1, (
        f"{span} indented to column {d + 1}, deeper than line {bad + 1}"
        f"{' and the lines after it' if followed else ''} (column {c + 1}): is {what} missing above this one, or is this indented too far?")


def _yaml_problem(file: str, exc: yaml.YAMLError, text: str = "") -> Problem:
    problem = getattr(exc, "problem", None) or str(exc)
    pmark = getattr(exc, "problem_mark", None)
    cmark = getattr(exc, "context_mark", None)
    if pmark is not None and text:
        first = cmark.line if cmark is not None else pmark.line - 20
        quote = _unclosed_quote(text, first, pmark.line)
        if quote is not None and quote[0] - 1 < pmark.line:
            return Problem(file, quote[0], quote[1], "a quote opened here is not closed on the same line")
    if pmark is not None and text and ("did not find expected key" in problem
                                       or "did not find expected '-' indicator" in problem):
        block = _overindented_block(text, pmark.line, pmark.column)
        if block is not None:
            return Problem(file, *block)
    for pyyaml, plain, at_start in _PLAIN:
        if pyyaml in problem:
            mark = cmark if at_start and cmark is not None else pmark
            return _problem(file, mark, plain)
    return _problem(file, pmark or cmark, f"YAML syntax error: {problem}")


def _show_tag(tag: str) -> str:
    return "!!" + tag[len("tag:yaml.org,2002:"):] if tag.startswith("tag:yaml.org,2002:") else tag


def read_text(path: Path, display: str | None = None) -> str:
    """Read a file as UTF-8 text, refusing what is not a scenario file, with one clear Problem."""
    name = display or str(path)
    try:
        if path.is_dir():
            raise ScenarioError([Problem(name, 1, 1, "is a folder, not a YAML file")])
        size = path.stat().st_size
    except FileNotFoundError:
        raise ScenarioError([Problem(name, 1, 1, "file not found")]) from None
    except OSError as exc:
        raise ScenarioError([Problem(name, 1, 1, f"cannot read the file: {exc.strerror}")]) from None
    if size > MAX_FILE_BYTES:
        raise ScenarioError([Problem(
            name, 1, 1,
            f"file is {size // 1024} KB; scenario files are limited to {MAX_FILE_BYTES // 1024} KB")])
    try:
        with open(path, "rb") as fh:
            raw = fh.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise ScenarioError([Problem(name, 1, 1, f"cannot read the file: {exc.strerror}")]) from None
    return decode(raw, name)


def decode(raw: bytes, name: str) -> str:
    if b"\x00" in raw:
        raise ScenarioError([Problem(name, 1, 1, "this is a binary file, not YAML text")])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise ScenarioError([Problem(
            name, line, col, "the file is not UTF-8 text (save it as UTF-8 in your editor)")]) from None
    return text


def _raw_control(text: str, name: str) -> None:
    found = RAW_CONTROL.search(text)
    if found:
        line = text.count("\n", 0, found.start()) + 1
        col = found.start() - (text.rfind("\n", 0, found.start()) + 1) + 1
        raise ScenarioError([Problem(name, line, col, f"a control character, {control_name(found.group())}, "
                                                      "in the file: text may hold only newlines and tabs")])


def compose_text(text: str, name: str) -> yaml.Node | None:
    """Compose YAML text into a node tree, tagging every node with its file name.

    One pass over libyaml's events builds the same nodes as yaml.compose (same tags, values,
    styles and marks) while refusing anchors, aliases, tags and runaway nesting, and without
    recursion. Raises ScenarioError for those and for syntax errors.
    """
    _raw_control(text, name)
    problems: list[Problem] = []
    loader = _Loader(text)
    try:
        root = _build(loader, name, problems)
    except yaml.YAMLError as exc:
        raise ScenarioError([_yaml_problem(name, exc, text)]) from None
    finally:
        loader.dispose()
    if problems:
        raise ScenarioError(problems)
    return root


_TAG_PREFIX_BAD = ("tag:yaml.org,2002:python", "!")


def _build(loader, name: str, problems: list[Problem]) -> yaml.Node | None:
    resolve = loader.resolve
    root = None
    documents = 0
    nodes = 0
    stack: list[list] = []  # [collection node, key waiting for its value]
    while loader.check_event():
        event = loader.get_event()
        kind = type(event)
        if kind is yaml.ScalarEvent or kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
            nodes += 1
            if nodes > MAX_NODES:
                raise ScenarioError([_problem(name, event.start_mark, f"more than {MAX_NODES:,} values, lists and "
                                                                      "mappings in one file: this is not a scenario")])
        if kind is yaml.ScalarEvent:
            bad = CONTROL.search(event.value)
            if bad and len(problems) < 50:
                problems.append(_problem(name, event.start_mark, f"a control character, {control_name(bad.group())}, "
                                                                 "in this text: text may hold only newlines and tabs"))
            tag = event.tag
            if tag is not None and tag.startswith(_TAG_PREFIX_BAD):
                problems.append(_problem(name, event.start_mark, f"YAML tags such as '{_show_tag(tag)}' "
                                                                 "are not allowed in scenario files"))
            if tag is None or tag == "!":
                tag = resolve(yaml.ScalarNode, event.value, event.implicit)
            if event.anchor:
                problems.append(_problem(name, event.start_mark, "anchors (&name) are not allowed in scenario files"))
            node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, style=event.style)
        elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
            if len(stack) >= MAX_DEPTH:
                raise ScenarioError([_problem(name, event.start_mark, f"nesting deeper than {MAX_DEPTH} levels")])
            cls = yaml.MappingNode if kind is yaml.MappingStartEvent else yaml.SequenceNode
            tag = event.tag
            if tag is not None and tag.startswith(_TAG_PREFIX_BAD):
                problems.append(_problem(name, event.start_mark, f"YAML tags such as '{_show_tag(tag)}' "
                                                                 "are not allowed in scenario files"))
            if tag is None or tag == "!":
                tag = resolve(cls, None, event.implicit)
            if event.anchor:
                problems.append(_problem(name, event.start_mark, "anchors (&name) are not allowed in scenario files"))
            node = cls(tag, [], event.start_mark, None, flow_style=event.flow_style)
            node.file = name
            if stack:
                _add(stack[-1], node)
            else:
                root = node
            stack.append([node, None])
            continue
        elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
            stack.pop()[0].end_mark = event.end_mark
            continue
        elif kind is yaml.AliasEvent:
            problems.append(_problem(name, event.start_mark,
                                     "anchors and aliases (&name / *name) are not allowed in scenario files; "
                                     "write the value out, or use a profile from a library file"))
            node = yaml.ScalarNode("tag:yaml.org,2002:null", "", event.start_mark, event.end_mark)
        elif kind is yaml.DocumentStartEvent:
            documents += 1
            if documents > 1:  # the words yaml.compose uses
                raise yaml.composer.ComposerError("expected a single document in the stream", None,
                                                  "but found another document", event.start_mark)
            continue
        else:
            continue
        node.file = name
        if stack:
            _add(stack[-1], node)
        else:
            root = node
    return root


def _add(top: list, node: yaml.Node) -> None:
    parent = top[0]
    if type(parent) is yaml.MappingNode:
        if top[1] is None:
            top[1] = node
        else:
            parent.value.append((top[1], node))
            top[1] = None
    else:
        parent.value.append(node)


def display_name(path: Path) -> str:
    """A path as the user would like to read it: relative to here when that is shorter."""
    try:
        rel = os.path.relpath(path)
    except ValueError:  # another drive
        return str(path)
    return rel if len(rel) <= len(str(path)) else str(path)


def compose_file(path: Path, display: str | None = None) -> tuple[yaml.Node | None, str]:
    name = display or display_name(path)
    text = read_text(path, name)
    return compose_text(text, name), text
