"""`new`: the id an author gets from the title they type, and the skeleton's teaching comments."""
import pytest
import yaml

from game.scenario.loader import load_scenario
from game.scenario.skeleton import scenario_id, skeleton, title_of


@pytest.mark.parametrize("typed, ident", [
    ("Test crisis", "test_crisis"),
    ("Baltic cable cuts (2027)", "baltic_cable_cuts_2027"),
    ("  Ölkrise im   Hafen ", "olkrise_im_hafen"),
    ("2027: the long winter", "crisis_2027_the_long_winter"),
    ("harbour_crisis", "harbour_crisis"),
    ("!!!", "new_crisis"),
])
def test_the_id_is_made_from_the_words_typed(typed, ident):
    assert scenario_id(typed) == ident


def test_the_words_typed_stay_the_title():
    assert title_of("Test crisis") == "Test crisis"
    assert title_of("  Baltic   cable cuts ") == "Baltic cable cuts"
    assert title_of("harbour_crisis") == "Harbour crisis"  # an id typed instead reads as words


@pytest.mark.parametrize("typed", ['Crisis: "the" #1 — part 2', "Ölkrise\\Hafen", "A title: with colon"])
def test_any_title_gives_a_file_that_loads_with_that_title(typed, tmp_path):
    path = tmp_path / "x.yaml"
    path.write_text(skeleton(typed, file=str(path)), encoding="utf-8")
    loaded = load_scenario(path)
    assert loaded.scenario.title == typed and loaded.scenario.id == scenario_id(typed)
    assert loaded.warnings == ()


def test_every_section_of_the_skeleton_has_a_comment_that_teaches_it(tmp_path):
    text = skeleton("Harbour crisis")
    lines = text.splitlines()
    sections = [k for k in yaml.safe_load(text) if k not in ("format_version", "id", "title")]
    for key in sections:
        at = next(i for i, line in enumerate(lines) if line.startswith(f"{key}:"))
        above = lines[max(0, at - 6):at]
        assert "#" in lines[at] or any(line.startswith("#") for line in above), f"'{key}' has no comment"
