"""The seminar across devices: one game in a shared database on the host (game.saves.store), every
syndicate's browser session an app process of its own (textual-serve), each seat acting only with
its join code. `session` adapts a GameStore to what the screens use; `host` keeps the games and
their codes and runs the room (the computer seats, the timer); `web` serves the app with a page
that loads nothing from outside the host, beside the room. `shared` holds the little all three
need, so none of them imports another's importer (no cycle)."""
