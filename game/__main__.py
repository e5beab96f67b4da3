"""`python -m game` is `python play.py` (the seminar's web server starts app processes this way)."""
import sys

from game.cli import main

if __name__ == "__main__":
    sys.exit(main())
