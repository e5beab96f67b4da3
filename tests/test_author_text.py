"""Author text is text outside the TUI too: markup, HTML and escape codes in a scenario's title,
situation, names and briefs (here put into a loaded scenario, as if they had got past `validate`,
which refuses control characters) are shown literally in plain mode, the seminar host's banner and
the reports; nothing written to a terminal carries ESC or BEL."""
from __future__ import annotations

import types

import attrs

from game import lineplay
from game.core import engine
from game.review import report
from game.seminar.addresses import Address
from game.seminar.host import banner
from tests.conftest import ROOT

HOSTILE = "[bold red]B[/] <script>alert(1)</script> \x1b]52;c;SGk=\x07\x1b[2J"


def hostile(crisis):
    sc = crisis.scenario
    actors = {k: attrs.evolve(a, name=f"{a.name} {HOSTILE}", brief=f"{a.brief} {HOSTILE}")
              for k, a in sc.actors.items()}
    sc = attrs.evolve(sc, title=f"Title {HOSTILE}", situation=f"Situation {HOSTILE}", actors=actors)
    return attrs.evolve(crisis, scenario=sc)


def no_escape_codes(text: str) -> None:
    assert "\x1b" not in text and "\x07" not in text
    assert "\\x1b]52;c;SGk=\\x07\\x1b[2J" in text  # shown, as escapes


def test_escape_codes_in_author_text_never_reach_the_terminal_in_plain_mode(crisis, tmp_path, monkeypatch):
    monkeypatch.setattr(lineplay, "load_scenario", lambda path: hostile(crisis))
    said = []

    def eof(prompt=""):
        raise EOFError
    args = types.SimpleNamespace(scenario=None, seat="SG", seed=7, save_dir=str(tmp_path))
    assert lineplay.play(args, inp=eof, out=said.append) == 0
    text = "\n".join(said)
    no_escape_codes(text)
    assert "[bold red]B[/]" in text and "Title" in text


def test_escape_codes_in_author_text_never_reach_the_host_banner(crisis, tmp_path):
    store = types.SimpleNamespace(crisis=hostile(crisis), path=tmp_path / "room.sqlite", seq=0, room="room",
                                  header={"seats": {s: "human" for s in engine.seats(crisis)}})
    text = banner(store, {"SG": "AAAA-BBBB-CCCC"}, False, [Address("127.0.0.1", "lo", "loopback")])
    no_escape_codes(text)
    assert "Consensus seminar: Title [bold red]B[/]" in text


def test_html_and_escape_codes_in_author_text_are_inert_in_the_markdown_report(crisis):
    bad = hostile(crisis)
    start = engine.new_game(bad, 7)
    md = report.to_markdown(report.build(bad, start.state, start.events, "WHITE_CELL"))
    no_escape_codes(md)
    assert "<script>" not in md and "&lt;script&gt;alert(1)&lt;/script&gt;" in md
    html = report.to_html(report.build(bad, start.state, start.events, "WHITE_CELL"))
    assert "<script>alert" not in html


def test_html_in_author_text_is_inert_in_the_markdown_papers(crisis, tmp_path, monkeypatch, capsys):
    from game import cli
    from game.scenario import loader
    monkeypatch.setattr(loader, "load_scenario", lambda path: hostile(crisis))
    assert cli.main(["papers", str(ROOT / "scenarios" / "first_response.yaml")]) == 0
    out = capsys.readouterr().out
    no_escape_codes(out)
    assert "<script>" not in out and "&lt;script&gt;" in out
