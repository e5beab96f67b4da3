"""The terminal table: the only package that imports Textual. Rules stay in the engine."""
