"""The procedure's steps, one module each (DESIGN.md's turn): what a move does in that step."""
