"""Widgets each render one slice of the game; they get it from their screen and post intent up."""
