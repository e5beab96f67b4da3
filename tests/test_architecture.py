"""Architecture rules that keep the engine a functional core:

- nothing under game/ except game/tui imports Textual (checked by importing each module in a
  fresh interpreter, so one module's imports cannot hide another's);
- nothing in game/ loads YAML unsafely, evaluates text, or unpickles (checked on the syntax tree,
  so a docstring that *mentions* eval does not count).
"""
from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
GAME = REPO / "game"


def _module_name(path: Path) -> str:
    parts = path.relative_to(REPO).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _sources() -> list[Path]:
    return sorted(p for p in GAME.rglob("*.py") if "__pycache__" not in p.parts)


def _core_modules() -> list[str]:
    return [_module_name(p) for p in _sources()
            if "tui" not in p.relative_to(GAME).parts]


def test_there_are_core_modules_to_check():
    mods = _core_modules()
    assert "game.scenario.loader" in mods and "game.core.conditions" in mods


_PROBE = """
import importlib, json, sys
importlib.import_module(sys.argv[1])
print(json.dumps(sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))))
"""


@pytest.mark.parametrize("module", _core_modules())
def test_core_module_does_not_import_textual(module):
    result = subprocess.run([sys.executable, "-c", _PROBE, module], cwd=REPO,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, f"importing {module} failed:\n{result.stderr}"
    textual = json.loads(result.stdout.strip().splitlines()[-1])
    assert textual == [], f"{module} pulls in Textual ({', '.join(textual[:5])}); " \
                          "only game/tui may import it"


# --- no unsafe loading or evaluation -------------------------------------------------------------

BANNED_CALLS = {"eval", "exec", "compile", "__import__"}
BANNED_YAML = {"load", "unsafe_load", "full_load", "load_all", "unsafe_load_all", "full_load_all",
               "Loader", "UnsafeLoader", "FullLoader", "CLoader", "CUnsafeLoader", "CFullLoader"}
BANNED_MODULES = {"pickle", "cPickle", "_pickle", "dill", "cloudpickle", "shelve", "marshal", "jsonpickle"}


def _violations(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    yaml_names = {"yaml"}  # names the yaml module is bound to in this file
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                root = alias.name.split(".")[0]
                if root in BANNED_MODULES:
                    found.append(f"line {node.lineno}: imports {alias.name}")
                if alias.name == "yaml":
                    yaml_names.add(alias.asname or "yaml")
        elif isinstance(node, ast.ImportFrom):
            root = (node.module or "").split(".")[0]
            if root in BANNED_MODULES:
                found.append(f"line {node.lineno}: imports from {node.module}")
            if root == "yaml":
                for alias in node.names:
                    if alias.name in BANNED_YAML:
                        found.append(f"line {node.lineno}: imports yaml.{alias.name}")
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) \
                and node.func.id in BANNED_CALLS:
            found.append(f"line {node.lineno}: calls {node.func.id}(...)")
        elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            if node.value.id in yaml_names and node.attr in BANNED_YAML:
                found.append(f"line {node.lineno}: uses {node.value.id}.{node.attr}")
            if node.value.id in ("builtins", "__builtins__") and node.attr in BANNED_CALLS:
                found.append(f"line {node.lineno}: uses {node.value.id}.{node.attr}")
    return found


@pytest.mark.parametrize("path", _sources(), ids=lambda p: str(p.relative_to(REPO)))
def test_no_unsafe_loading_or_evaluation(path):
    found = _violations(path)
    assert not found, f"{path.relative_to(REPO)}:\n  " + "\n  ".join(found)


@pytest.mark.parametrize("source, bad", [
    ("import yaml\nyaml.load(text)\n", True),
    ("import yaml as y\ny.unsafe_load(text)\n", True),
    ("from yaml import load\n", True),
    ("x = eval('1')\n", True),
    ("exec(code)\n", True),
    ("import pickle\n", True),
    ("from pickle import loads\n", True),
    ("import yaml\nyaml.compose(text, Loader=yaml.CSafeLoader)\n", False),
    ('"""Nothing is handed to eval or exec, nor yaml.load."""\n', False),
    ("import ast\nast.literal_eval('1')\n", False),
])
def test_the_scanner_itself(tmp_path, source, bad):
    path = tmp_path / "probe.py"
    path.write_text(source, encoding="utf-8")
    assert bool(_violations(path)) is bad
