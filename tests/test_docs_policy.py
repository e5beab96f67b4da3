"""The custom policy shown in docs/architecture.md works as the page says it does."""
import importlib.util
import re

from game.core import actions as A
from game.players.simulate import play_out
from tests.conftest import ROOT


def test_the_documented_policy_plays_a_game_and_is_asked_every_decision(crisis, tmp_path):
    page = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    code = re.findall(r"```python\n(.*?)```", page, re.S)[0]
    path = tmp_path / "documented_policy.py"
    path.write_text(code, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("documented_policy", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)

    chosen = []

    class Recording(module.Hawk):
        def choose(self, obs, legal, rng):
            action, why = super().choose(obs, legal, rng)
            chosen.append(action)
            return action, why

    final = play_out(crisis, 3, Recording())
    assert final.outcome is not None and chosen
    assert not any(isinstance(a, A.Reserve) for a in chosen)  # what the page says it does
