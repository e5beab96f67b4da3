"""What the docs show, found and made checkable: the fenced examples of README.md and docs/*.md, the
base scenario a fragment belongs to, and every command line they give.

Markers an author of the docs may put on the line(s) just above a fenced block:
    <!-- example base: scenarios/au_capacity.yaml -->  a fragment belongs to this scenario
    <!-- example: conditions -->                        each `when:`/`effects:` line is checked alone
    <!-- output: illustrative -->                       an output from an earlier version of a file
    <!-- output of: python play.py ... -->             what that command prints (checked)
Without a base marker, a fragment of docs/authoring.md belongs to its appendix (Cut Lines) and one
of any other page to scenarios/first_response.yaml."""
from __future__ import annotations

import re
import shlex
from pathlib import Path

import attrs
import yaml

ROOT = Path(__file__).resolve().parent.parent
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
FENCE = re.compile(r"^([ \t]*)```(\w*)[ \t]*\n(.*?)^\1```[ \t]*$", re.S | re.M)
MARKER = re.compile(r"<!--\s*(example base|example|output)(?::\s*|\s+(?=of:))(.*?)\s*-->")
# sections whose entries a fragment adds to (or replaces in) its base, by id
ENTRY_SECTIONS = ("meters", "actors", "options", "injects", "end_conditions", "resources", "stakes")


@attrs.frozen
class Block:
    page: Path
    line: int  # 1-based line of the opening fence
    lang: str
    text: str
    markers: dict

    @property
    def where(self) -> str:
        return f"{self.page.relative_to(ROOT)}:{self.line}"


def blocks(page: Path) -> list[Block]:
    text = page.read_text(encoding="utf-8")
    out = []
    for m in FENCE.finditer(text):
        line = text.count("\n", 0, m.start()) + 1
        before = text[:m.start()].splitlines()[-3:]
        markers = {k: v for ln in before for k, v in MARKER.findall(ln)}
        body = "\n".join(ln[len(m.group(1)):] if ln.startswith(m.group(1)) else ln
                         for ln in m.group(3).split("\n"))
        out.append(Block(page, line, m.group(2), body, markers))
    return out


def yaml_blocks() -> list[Block]:
    return [b for page in PAGES for b in blocks(page) if b.lang == "yaml"]


def appendix(page: Path = ROOT / "docs" / "authoring.md") -> str:
    """The complete Cut Lines file at the end of the authoring guide."""
    return [b for b in blocks(page) if b.lang == "yaml"][-1].text


def base_of(block: Block) -> tuple[str, str]:
    """(the base scenario's text, the name it is known by) for a fragment."""
    if "example base" in block.markers:
        name = block.markers["example base"]
        return (ROOT / name).read_text(encoding="utf-8"), name
    if block.page.name == "authoring.md":
        return appendix(block.page), "scenarios/cut_lines.yaml"
    return (ROOT / "scenarios" / "first_response.yaml").read_text(encoding="utf-8"), "scenarios/first_response.yaml"


def merged(base: dict, fragment: dict) -> dict:
    """The base scenario with a fragment's sections in it: entries of the id sections added, or
    merged key by key into the base's entry of that id (a fragment may show only the keys it
    changes); `tune_rules` merged key by key; everything else replaced."""
    out = dict(base)
    for key, value in fragment.items():
        if key in ENTRY_SECTIONS and isinstance(value, dict) and isinstance(out.get(key), dict):
            section = dict(out[key])
            for eid, entry in value.items():
                old = section.get(eid)
                section[eid] = {**old, **entry} if isinstance(old, dict) and isinstance(entry, dict) else entry
            out[key] = section
        elif key == "tune_rules" and isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _deep(out[key], value)
        else:
            out[key] = value
    return out


def _deep(a: dict, b: dict) -> dict:
    out = dict(a)
    for k, v in b.items():
        out[k] = _deep(out[k], v) if isinstance(v, dict) and isinstance(out.get(k), dict) else v
    return out


def kind_of(block: Block) -> str:
    """'scenario', 'library', 'comment', 'conditions' or 'fragment'."""
    if block.markers.get("example") == "conditions":
        return "conditions"
    data = yaml.safe_load(block.text)
    if data is None:
        return "comment"
    if isinstance(data, dict) and data.get("kind") == "library":
        return "library"
    if isinstance(data, dict) and {"format_version", "meters", "actors", "options"} <= set(data):
        return "scenario"
    return "fragment"


def condition_lines(block: Block) -> list[tuple[str, str]]:
    """('condition' | 'effect', text) for each `when:` / `effects:` in a conditions block (keys may
    repeat: each line is one example)."""
    out = []
    for node_key, node_value in yaml.compose(block.text).value:
        value = yaml.safe_load(yaml.serialize(node_value))
        if node_key.value in ("effects", "costs", "each_turn", "inaction"):
            out += [("effect", v) for v in value]
        else:
            out.append(("condition", value))
    return out


# --- command lines -----------------------------------------------------------------------------
COMMAND = re.compile(r"(?:python3? (?:play\.py|bench/\w+\.py)|consensus)(?: (?:[^`\n|\\]|\\\|)*[^`\n|\\ ])?")


@attrs.frozen
class Command:
    page: Path
    line: int
    text: str

    @property
    def where(self) -> str:
        return f"{self.page.relative_to(ROOT)}:{self.line}"

    @property
    def args(self) -> list[str]:
        """The words after `python play.py` (or `consensus`), quotes and \\| read as a shell would."""
        text = self.text.replace("\\|", "|")
        words = shlex.split(text)
        if words[0] == "consensus":
            return words[1:]
        return words[2:]

    @property
    def script(self) -> str:
        return "play.py" if self.text.startswith(("python play.py", "python3 play.py", "consensus")) else \
            self.text.split()[1]

    @property
    def placeholders(self) -> bool:
        """Whether it shows a form (`SAVE`, `[--jobs J]`, `md|html`, `PATH...`) rather than a line to type."""
        for w in self.args:
            if any(ch in w for ch in "[]|") or "..." in w or set(re.findall(r"[A-Za-z]+", w)) & PLACEHOLDERS:
                return True
        return False


PLACEHOLDERS = {"SAVE", "SCENARIO", "FILE", "N", "S", "J", "P", "NAME", "TITLE", "A", "B", "ADDR", "CODE",
                "GAME", "ID", "PATH", "SEAT", "DIR"}


def commands() -> list[Command]:
    """Every command line in the README and docs: in ```sh blocks and in `inline code`."""
    found: list[Command] = []
    for page in PAGES:
        text = page.read_text(encoding="utf-8")
        fenced = [(b.line, b) for b in blocks(page)]
        spans = []
        for line0, b in fenced:
            if b.lang == "sh":
                for i, ln in enumerate(b.text.splitlines(), 1):
                    for part in ln.split("&&"):
                        part = part.strip()
                        if COMMAND.fullmatch(part):
                            found.append(Command(page, line0 + i, part))
            spans.append((line0, line0 + b.text.count("\n") + 1))
        for m in re.finditer(r"`([^`\n]+)`", text):
            line = text.count("\n", 0, m.start()) + 1
            if any(a <= line <= z for a, z in spans):
                continue
            inner = m.group(1).strip()
            if COMMAND.fullmatch(inner):
                found.append(Command(page, line, inner))
    return found
