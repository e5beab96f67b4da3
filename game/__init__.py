"""Consensus: a tabletop wargame and decision exercise about alliance consensus.

The engine's public API. Nothing here (or anywhere outside game/tui) imports Textual.
"""
__version__ = "0.1.0"
