import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from game.scenario.loader import load_scenario  # noqa: E402

SCENARIOS = sorted(p for p in (ROOT / "scenarios").glob("*.yaml"))


@pytest.fixture(scope="session")
def crisis():
    """The default first-game scenario."""
    return load_scenario(ROOT / "scenarios" / "first_response.yaml")
