"""Where the shipped rules and scenarios are: beside the package in a checkout, inside it when installed."""
from __future__ import annotations

from importlib import resources
from pathlib import Path

_ROOT = Path(__file__).resolve().parent.parent


def _data_dir(top: str, packaged: str) -> Path:
    here = _ROOT / top
    if here.is_dir() and (_ROOT / "pyproject.toml").is_file():
        return here
    return Path(str(resources.files(packaged)))


def rules_dir() -> Path:
    return _data_dir("rules", "game._rules")


def scenarios_dir() -> Path:
    return _data_dir("scenarios", "game._scenarios")


def default_scenario() -> Path:
    return scenarios_dir() / "first_response.yaml"
