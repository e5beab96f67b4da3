"""Where the shipped rules and scenarios are: at the top of a checkout, inside the package when
installed (pyproject.toml maps rules/ to game/_rules and scenarios/ to game/_scenarios)."""
from __future__ import annotations

from pathlib import Path

_PKG = Path(__file__).resolve().parent.parent  # the game package
_ROOT = _PKG.parent


def _data_dir(top: str, packaged: str) -> Path:
    here = _ROOT / top
    if here.is_dir() and (_ROOT / "pyproject.toml").is_file():
        return here
    return _PKG / packaged


def rules_dir() -> Path:
    return _data_dir("rules", "_rules")


def scenarios_dir() -> Path:
    return _data_dir("scenarios", "_scenarios")


def default_scenario() -> Path:
    return scenarios_dir() / "first_response.yaml"
