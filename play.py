#!/usr/bin/env python3
"""Consensus: run `python play.py --help` for the commands."""
import sys

from game.cli import main

if __name__ == "__main__":
    sys.exit(main())
