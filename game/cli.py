"""`python play.py` and its subcommands: each a thin layer over the engine."""
from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
from pathlib import Path

from game.core import words
from game.core.errors import ConsensusError, Problem, ScenarioError
from game.core.texts import printable


def _scenario_files(paths: list[str]) -> tuple[list[Path], list[Problem]]:
    """The files `validate` checks, and a problem for each path that gives none (a folder with no
    .yaml file in it, even one named like a file)."""
    out: list[Path] = []
    problems: list[Problem] = []
    for p in map(Path, paths):
        if p.is_dir():
            found = sorted(f for f in p.rglob("*.yaml") if f.is_file())
            if not found:
                problems.append(Problem(str(p), 1, 1, "a folder with no scenario files (*.yaml) in it"))
            out += found
        else:
            out.append(p)
    return out, problems


def cmd_validate(args) -> int:
    import yaml  # lazy: start-up
    from game.scenario.loader import check_library_file, load_scenario  # lazy: start-up
    from game.scenario.yaml_source import compose_file  # lazy: start-up
    files, problems = _scenario_files(args.paths)
    for f in files:
        try:
            composed = compose_file(f)  # once: the loader takes the nodes from here
            root = composed[0]
            kind = None
            if isinstance(root, yaml.MappingNode):
                kind = next((v.value for k, v in root.value if getattr(k, "value", None) == "kind"), None)
            if kind == "library":
                problems += check_library_file(f, composed=composed)
            elif kind == "rules":
                continue  # rules are checked with every scenario that uses them
            else:
                problems += list(load_scenario(f, composed=composed).warnings)
        except ScenarioError as exc:
            problems += exc.problems
    errors = [p for p in problems if p.severity == "error"]
    if args.json:
        print(json.dumps({"files": [str(f) for f in files], "problems": [p.to_dict() for p in problems]}, indent=2))
    else:
        for p in problems:
            print(p)
        if not args.quiet:
            print(f"{len(files)} file(s) checked: {len(errors)} error(s), {len(problems) - len(errors)} warning(s)")
    return 1 if errors else 0


def cmd_simulate(args) -> int:
    from game.players import POLICIES  # lazy: start-up
    from game.players.simulate import format_text, simulate, to_json  # lazy: start-up
    base, _, seat = args.policy.partition("@")
    if base not in POLICIES:
        print(f"unknown policy '{args.policy}'; choose from: {', '.join(POLICIES)} (POLICY@SEAT: that seat alone)",
              file=sys.stderr)
        return 2
    if args.baselines:
        from game.players.simulate import simulate_with_baselines  # lazy: start-up
        summary = simulate_with_baselines(args.scenario, args.runs, args.seed, args.jobs, args.turns)
    else:
        summary = simulate(args.scenario, args.runs, args.seed, args.jobs, args.policy, args.turns)
    print(to_json(summary) if args.json else format_text(summary))
    return 0


def cmd_sweep(args) -> int:
    from game.players import POLICIES  # lazy: start-up
    from game.players.sweep import ClusterMissing, default_jobs, format_table, sweep, to_json  # lazy: start-up
    from game.scenario.variants import VaryError, parse_vary  # lazy: start-up
    base, _, seat = args.policy.partition("@")
    if base not in POLICIES:
        print(f"unknown policy '{args.policy}'; choose from: {', '.join(POLICIES)} (POLICY@SEAT: that seat alone)",
              file=sys.stderr)
        return 2
    if args.runs < 1:
        print("--runs must be at least 1", file=sys.stderr)
        return 2
    try:
        varies = [parse_vary(v) for v in args.vary or ()]
        progress = None
        if sys.stderr.isatty() and not args.json:
            def progress(done: int, total: int) -> None:
                print(f"\r{done:,} of {total:,} games", end="", file=sys.stderr, flush=True)
        result = sweep(args.scenario, varies, args.runs, args.seed, args.policy, args.turns,
                       args.jobs or default_jobs(), args.dask, progress)
    except VaryError as exc:
        print(printable(f"error: {exc}"), file=sys.stderr)
        return 2
    except ClusterMissing as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if progress:
        print("", file=sys.stderr)
    print(to_json(result) if args.json else printable(format_table(result)), flush=True)
    t = result["timing"]
    print(f"{t['games']:,} games in {t['seconds']:.1f} s on {t['where']}", file=sys.stderr)
    return 0


def _saved_crisis(head: dict):
    """The scenario a save was played with: the file if unchanged, else the copy embedded in the save."""
    from game.scenario.loader import load_saved_version, load_scenario  # lazy: start-up
    try:
        crisis = load_scenario(head["scenario_path"])
        if crisis.digest == head.get("digest"):
            return crisis
        print("note: the scenario file has changed since this game was saved: using the version in the save",
              file=sys.stderr)
    except ScenarioError:
        print("note: the scenario file is not where it was: using the version in the save", file=sys.stderr)
    return load_saved_version(head)


@contextlib.contextmanager
def _naming(save: str):
    """A save's move that does not replay is named with the save's file and line (`file:line: record N …`)."""
    from game.core.errors import SaveError  # lazy: start-up
    try:
        yield
    except SaveError as exc:
        if str(exc).startswith(str(save)):
            raise
        raise SaveError(f"{save}: {exc}") from None


def cmd_replay(args) -> int:
    from game.saves.games import read_game  # lazy: start-up
    from game.saves.log import replay  # lazy: start-up
    head, records, warnings = read_game(Path(args.save))
    for w in warnings:
        print(w, file=sys.stderr)
    crisis = _saved_crisis(head)
    last = None
    with _naming(args.save):
        for n, action, step in replay(crisis, head, records, verify=args.verify, upto=args.to):
            for _e, text in words.visible(step.events, crisis, words.PUBLIC):
                print(printable(f"{n:>5}  {text}"))
            last = step.state
    if args.verify:
        print(f"verified: {len(records[:args.to])} action(s) reproduce their recorded events")
    if last is not None and last.outcome is not None:
        print(f"outcome: {last.outcome.title}")
    return 0


def cmd_report(args) -> int:
    """The after-action review of a saved game or of a seminar's game database, as Markdown or one
    offline HTML file; a seminar's adds its room: RFIs, timers and clock times."""
    from game.core import engine  # lazy: start-up
    from game.review import report  # lazy: start-up
    from game.review.room import room_report  # lazy: start-up
    from game.core.actions import WHITE_CELL  # lazy: start-up
    from game.saves.games import read_game  # lazy: start-up
    head, records, warnings = read_game(Path(args.save))
    for w in warnings:
        print(w, file=sys.stderr)
    crisis = _saved_crisis(head)
    seat = args.seat or WHITE_CELL
    if seat != WHITE_CELL and seat not in engine.seats(crisis):
        print(f"unknown seat '{seat}'; choose from: {', '.join(engine.seats(crisis))} or {WHITE_CELL}",
              file=sys.stderr)
        return 2
    with _naming(args.save):
        past = report.history(crisis, head, records, verify=True)
    times = {r["n"]: r["at"] for r in records if isinstance(r.get("at"), (int, float))}
    room = room_report(crisis, past.steps, head, seat, times)
    rep = report.build(crisis, past.state, past.events, seat, players=head.get("seats"), room=room)
    fmt = args.format or ("html" if args.output and Path(args.output).suffix.lower() in (".html", ".htm") else "md")
    text = report.to_html(rep) if fmt == "html" else report.to_markdown(rep)
    if args.output:
        from game.saves.log import private  # lazy: start-up
        with open(args.output, "w", encoding="utf-8", opener=private) as fh:  # the White Cell's holds every brief
            fh.write(text)
        print(f"report written to {args.output}")
    else:
        sys.stdout.write(text)
    return 0


def cmd_papers(args) -> int:
    from game.scenario.loader import load_scenario  # lazy: start-up
    from game.review.papers import papers, to_html  # lazy: start-up
    crisis = load_scenario(args.scenario)
    pages = papers(crisis, args.seat)
    if args.format == "html":
        text = to_html(f"Exercise papers — {crisis.scenario.title}", pages)
    else:
        from game.review.markdown import safe  # lazy: start-up
        text = safe("\n\n---\n\n".join(pages.values()))
    return _write(text, args.output, "exercise papers", private=True)


def cmd_branch(args) -> int:
    from game.saves.log import GameLog  # lazy: start-up
    src = GameLog.open_any(args.save)
    src.close()
    out = Path(args.output) if args.output else Path(args.save).with_name(
        f"{Path(args.save).stem}-whatif-{args.at}.jsonl")
    if out.exists():
        print(f"{out} exists: choose another -o", file=sys.stderr)
        return 1
    new = src.branch(args.at, out)
    new.close()
    print(f"branched after move {args.at} of {len(src.records)} into {out}; the original is unchanged. "
          "Continue it from the start screen (python play.py) or inspect it with replay/report.")
    return 0


def cmd_compare(args) -> int:
    from game.review.compare import compare_text  # lazy: start-up
    from game.saves.log import GameLog  # lazy: start-up
    a, b = GameLog.open_any(args.first), GameLog.open_any(args.second)
    a.close()
    b.close()
    print(printable(compare_text(a, b, args.first, args.second)))
    return 0


def cmd_projector(args) -> int:
    """A read-only window for the wall that follows a game as it is saved."""
    from game.tui.app import Options, make_app  # lazy: start-up
    from game.tui.session import save_dir, unfinished_saves  # lazy: start-up
    save = args.save or _newest([p for p, _, _ in unfinished_saves(save_dir(args.save_dir))],
                                "no game in progress to follow: give the save file (see --save-dir)")
    make_app(Options(follow=save)).run()
    return 0


def _newest(found: list, missing: str) -> str:
    """The newest of the games found (they come newest first), or the error `missing`."""
    if not found:
        raise ConsensusError(missing)
    return str(found[0])


def cmd_seminar(args) -> int:
    """Host a seminar: the game database, the join codes, the computer seats and the web server. A
    new game unless --game names one to carry on: a second seminar never joins another's game."""
    from game.scenario.loader import load_scenario  # lazy: start-up
    from game.seminar import host, web  # lazy: start-up
    from game.saves.store import GameStore  # lazy: start-up
    folder = host.seminar_dir(args.save_dir)
    game = Path(args.game) if args.game else None
    carrying_on = game is not None and game.exists()
    if args.scenario is None and not carrying_on:
        raise ConsensusError("name the scenario to start a seminar (python play.py seminar SCENARIO), or "
                             "the game to carry on (--game FILE)" + (f": {game} is not there" if game else ""))
    host.check_port(args.host, args.port)
    if carrying_on and args.room:
        print("(--room names a new seminar; this one carries on in its own room)", file=sys.stderr)
    try:
        crisis = load_scenario(args.scenario) if args.scenario else None
    except ScenarioError:
        # edited on the host since the game began, and broken now: a game under way carries on with
        # the version it started with (embedded in its database); a new one cannot start
        if not carrying_on:
            raise
        print(f"{args.scenario} has problems now (python play.py validate {args.scenario}); the game "
              "carries on with the version it started with.", file=sys.stderr)
        crisis = None
    if carrying_on and crisis is None:
        store = GameStore.open(game)
        codes, resumed = host.read_codes(store.path), True
    else:
        humans = [h.strip() for h in args.humans.split(",") if h.strip()] if args.humans else None
        store, codes, resumed = host.open_or_create(
            crisis, game, folder=folder, room=args.room, seed=args.seed, humans=humans, turns=args.turns)
    if resumed and (args.humans or args.turns or args.seed is not None):
        print("(--humans, --turns and --seed set up a new game; this one carries on as it was set up: "
              "the White Cell hands seats to the computer and back with s)", file=sys.stderr)
    claim = host.claim_game(store.path, f"http://{args.host}:{args.port}/", args.take_over)  # noqa: F841 - held
    for seat in args.reissue or ():
        codes[seat] = host.reissue_code(store, seat)
        print(f"a new code for {seat}; the old one no longer works", file=sys.stderr)
    return web.serve(store, codes, resumed, args.host, args.port, pace=0.0 if args.pace == "instant" else 0.6)


def cmd_join(args) -> int:
    """Join a seminar game from a terminal on the host (the web server starts the same for a browser)."""
    from game.saves.store import StoreError  # lazy: start-up
    from game.seminar.host import seminar_dir, unfinished_games  # lazy: start-up
    from game.tui.app import Options, make_app  # lazy: start-up
    game = args.game
    if not game:
        found = unfinished_games(seminar_dir(args.save_dir))
        if len(found) > 1:  # several rooms on this host: never guess which
            raise ConsensusError("several seminars are in progress here; name yours with --game:\n"
                                 + "\n".join(f"  --game {p}" for p in found))
        game = _newest(found, "no seminar in progress here: give its game file (--game)")
    if not Path(game).is_file():  # refused in plain words before the full screen takes the terminal
        raise StoreError(f"{game}: no game database here")
    return _run(make_app(Options(game=game, code=args.code)))


def _run(app) -> int:
    """Run the full-screen app; print what it says on leaving."""
    message = app.run()
    if message:
        print(message)
    return app.return_code or 0


def cmd_export(args) -> int:
    """A seminar's game database as an ordinary save, for replay, report, compare and branch."""
    from game.saves.store import GameStore  # lazy: start-up
    with GameStore.open(args.game) as store:
        path = store.export_log(args.output)
    print(f"wrote {path} ({store.seq} moves)")
    return 0


def cmd_play(args) -> int:
    """The game: the full-screen table in a terminal; line by line with --plain (or no terminal)."""
    if args.plain or not (sys.stdin.isatty() and sys.stdout.isatty()):
        from game.lineplay import play  # lazy: start-up
        return play(args)
    from game.tui.app import Options, make_app  # lazy: start-up
    if args.scenario:
        load_scenario_or_fail(args.scenario)
    app = make_app(Options(scenario=args.scenario, seat=args.seat, seed=args.seed, save_dir=args.save_dir,
                           extra_scenarios=list(args.extra or ()), pace=args.pace, white_cell=args.white_cell))
    return _run(app)


def load_scenario_or_fail(path) -> None:
    """Check a scenario before the screen opens, so its problems print as file:line:column."""
    from game.scenario.loader import load_scenario  # lazy: start-up
    load_scenario(path)


def _write(text: str, output: str | None, what: str, private: bool = False) -> int:
    if output:
        from game.saves import log  # lazy: start-up
        with open(output, "w", encoding="utf-8", opener=log.private if private else None) as fh:
            fh.write(text)  # private: papers hold every delegation's brief
        print(f"{what} written to {output}")
    else:
        sys.stdout.write(text)
    return 0


def cmd_schema(args) -> int:
    from game.scenario.schema import schema_text  # lazy: start-up
    return _write(schema_text(), args.output, "JSON Schema")


def cmd_reference(args) -> int:
    from game.scenario.reference_doc import reference_markdown  # lazy: start-up
    return _write(reference_markdown(), args.output, "reference")


def cmd_new(args) -> int:
    from game.scenario.skeleton import scenario_id, skeleton, title_of  # lazy: start-up
    ident = scenario_id(args.name)
    path = Path(args.output or f"{ident}.yaml")
    if not path.parent.is_dir():
        print(f"the folder {path.parent} does not exist: create it first, or choose another -o", file=sys.stderr)
        return 1
    if path.exists() and not args.force:
        print(f"{path} exists; choose another name or add --force", file=sys.stderr)
        return 1
    from game.scenario.schema import schema_text  # lazy: start-up
    from game.scenario.paths import _ROOT  # lazy: start-up
    repo_schema = _ROOT / "docs" / "scenario.schema.json"
    if repo_schema.is_file():
        schema = os.path.relpath(repo_schema, path.resolve().parent)
    else:  # an installed copy: put the schema beside the new file for the editor
        schema = "scenario.schema.json"
        if not (path.parent / schema).exists():
            (path.parent / schema).write_text(schema_text(), encoding="utf-8")
    path.write_text(skeleton(args.name, schema, str(path)), encoding="utf-8")
    print(printable(f"wrote {path} (id: {ident}, title: {title_of(args.name)}): edit it, then "
                    f"`python play.py validate {path}` and `python play.py simulate {path} --runs 200`"))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="consensus", description=(
        "Consensus: a tabletop wargame about alliance consensus, partners and sovereignty. "
        "An educational abstraction, not doctrine."))
    parser.add_argument("--scenario", help="scenario file to play (default: the first-game scenario)")
    parser.add_argument("--seat", help="the seat you play (an actor id, e.g. SG for the chair)")
    parser.add_argument("--seed", type=int, default=None, help="seed for a reproducible game")
    parser.add_argument("--save-dir", help="where games are saved (default: your user data folder)")
    parser.add_argument("--pace", choices=("readable", "instant"), default="readable",
                        help="how fast computer delegations move on screen")
    parser.add_argument("--plain", action="store_true", help="play line by line instead of full screen")
    parser.add_argument("--white-cell", action="store_true",
                        help="a facilitator runs the room from the White Cell console (F5)")
    parser.set_defaults(extra=[])
    sub = parser.add_subparsers(dest="command")
    v = sub.add_parser("validate", help="check scenario files: every problem with file:line:column")
    v.add_argument("paths", nargs="+", help="files or folders")
    v.add_argument("-q", "--quiet", action="store_true", help="print problems only")
    v.add_argument("--json", action="store_true", help="machine-readable output")
    v.set_defaults(func=cmd_validate)
    s = sub.add_parser("simulate", help="play many seeded games with computer delegations")
    s.add_argument("scenario")
    s.add_argument("--runs", type=int, default=100)
    s.add_argument("--seed", type=int, default=0)
    s.add_argument("--jobs", type=int, default=1)
    s.add_argument("--policy", default="default", help="default, always-support, always-object or chair-never-tables; POLICY@SEAT: that seat alone plays it")
    s.add_argument("--json", action="store_true")
    s.add_argument("--turns", type=int, default=None, help="play one of the lengths the scenario offers")
    s.add_argument("--baselines", action="store_true",
                   help="also play the baseline policies in every seat, and each seat alone switched to always-support "
                        "and to always-object, and compare (balance report)")
    s.set_defaults(func=cmd_simulate)
    sw = sub.add_parser("sweep", help="a balance study: many games for every combination of varied values",
                        description="Play RUNS seeded games of every variant of a scenario and print one table: "
                                    "outcome shares and mean scores per cell. --vary KEY=VALUES (repeatable): "
                                    "difficulty=N (added to every option's difficulty), rounds=N (silence "
                                    "procedure rounds), turns=N, profile.ACTOR.KEY=V (a computer player's "
                                    "profile: flexibility, holdout, generosity ...), profile.ACTOR.stance.STAKE=V, "
                                    "or any dotted path in the scenario (options.ID.difficulty). VALUES: a..b, "
                                    "a..b/step or a,b,c. See docs/authoring.md.")
    sw.add_argument("scenario")
    sw.add_argument("--vary", action="append", metavar="KEY=VALUES", help="a key and the values it takes; repeatable")
    sw.add_argument("--runs", type=int, default=100, help="games per cell (default 100)")
    sw.add_argument("--seed", type=int, default=0, help="the first seed; every cell plays the same seeds")
    sw.add_argument("--policy", default="default", help="default, always-support, always-object or chair-never-tables; POLICY@SEAT: that seat alone plays it")
    sw.add_argument("--turns", type=int, default=None, help="play one of the lengths the scenario offers")
    sw.add_argument("--jobs", type=int, default=None, help="local worker processes (default: every core)")
    sw.add_argument("--dask", metavar="ADDRESS", help="run the games as tasks on the Dask cluster whose scheduler "
                                                      "is at ADDRESS (needs pip install -e '.[cluster]')")
    sw.add_argument("--json", action="store_true")
    sw.set_defaults(func=cmd_sweep)
    r = sub.add_parser("replay", help="re-run a saved game")
    r.add_argument("save")
    r.add_argument("--verify", action="store_true", help="check every recorded event is reproduced")
    r.add_argument("--to", type=int, default=None, help="stop after action N")
    r.set_defaults(func=cmd_replay)
    a = sub.add_parser("report", help="after-action review of a saved game (Markdown or one HTML file)")
    a.add_argument("save", help="a save, an exported seminar, or a seminar's game database (.sqlite)")
    a.add_argument("--format", choices=("md", "html"), default=None,
                   help="md or html (default: html when -o ends in .html, else md)")
    a.add_argument("-o", "--output", help="write to this file instead of the screen")
    a.add_argument("--seat", help="only what this seat may see (default: the White Cell's full report)")
    a.set_defaults(func=cmd_report)
    sc = sub.add_parser("schema", help="the JSON Schema for scenario files (for editors)")
    sc.add_argument("-o", "--output")
    sc.set_defaults(func=cmd_schema)
    rf = sub.add_parser("reference", help="docs/reference.md: every key, condition and effect")
    rf.add_argument("-o", "--output")
    rf.set_defaults(func=cmd_reference)
    pj = sub.add_parser("projector", help="a read-only view for the wall, following a game as it is saved")
    pj.add_argument("save", nargs="?", help="the save to follow (default: the newest game in progress)")
    pj.set_defaults(func=cmd_projector)
    pp = sub.add_parser("papers", help="exercise papers: read-ahead briefs per seat and the master events list")
    pp.add_argument("scenario")
    pp.add_argument("--format", choices=("md", "html"), default="md")
    pp.add_argument("-o", "--output")
    pp.add_argument("--seat", help="only this seat's brief (WHITE_CELL: only the master events list)")
    pp.set_defaults(func=cmd_papers)
    br = sub.add_parser("branch", help="what-if: continue a saved game from an earlier move, in a new save")
    br.add_argument("save")
    br.add_argument("--at", type=int, required=True, help="keep the first N moves")
    br.add_argument("-o", "--output", help="the new save (default: beside the original)")
    br.set_defaults(func=cmd_branch)
    cp = sub.add_parser("compare", help="two games side by side: decisions, commitments, meters, outcome")
    cp.add_argument("first")
    cp.add_argument("second")
    cp.set_defaults(func=cmd_compare)
    se = sub.add_parser("seminar", help="host a seminar: syndicates join from their browsers with codes")
    se.add_argument("scenario", nargs="?", help="the crisis to play (not needed to carry on a game with --game)")
    se.add_argument("--room", help="the seminar's name, shown on every page (default: the scenario and the time); "
                    "its game is ROOM.sqlite in the seminars folder")
    se.add_argument("--game", help="the game database: carried on if it is there, else made there (default: a "
                                   "new game in the seminars folder; a seminar never joins another's game)")
    se.add_argument("--new", action="store_true", help=argparse.SUPPRESS)  # what every seminar now does
    se.add_argument("--host", default="0.0.0.0", help="address to serve on (default: every network of this machine)")
    se.add_argument("--port", type=int, default=8000)
    se.add_argument("--humans", help="seats the syndicates play, e.g. DEU,POL,FIN (default: every seat "
                                     "but the adversary; the computer plays the rest)")
    se.add_argument("--turns", type=int, default=None, help="one of the lengths the scenario offers")
    se.add_argument("--reissue", action="append", metavar="SEAT",
                    help="give SEAT a new join code (e.g. WHITE_CELL if its code is lost); repeatable")
    se.add_argument("--seed", type=int, default=argparse.SUPPRESS, help="seed for a reproducible game")
    se.add_argument("--pace", choices=("readable", "instant"), default=argparse.SUPPRESS,
                    help="readable: a pause between the computer seats' moves (default)")
    se.add_argument("--save-dir", default=argparse.SUPPRESS, help="keep seminar games in SAVE_DIR/seminars")
    se.add_argument("--take-over", action="store_true",
                    help="serve a game another host process is already serving (stop that one first if you can)")
    se.set_defaults(func=cmd_seminar)
    jn = sub.add_parser("join", help="join a seminar game from a terminal on the host")
    jn.add_argument("--game", help="the game database (default: the newest seminar in progress)")
    jn.add_argument("--code", help="your join code (else the screen asks)")
    jn.add_argument("--save-dir", default=argparse.SUPPRESS, help="look for seminars in SAVE_DIR/seminars")
    jn.set_defaults(func=cmd_join)
    ex = sub.add_parser("export", help="a seminar's game as an ordinary save (for replay, report, compare)")
    ex.add_argument("game")
    ex.add_argument("-o", "--output", required=True)
    ex.set_defaults(func=cmd_export)
    n = sub.add_parser("new", help="write a commented skeleton scenario that validates")
    n.add_argument("name", help='the title, as you would write it (e.g. "Harbour crisis"): the id and '
                                'the file name are made from its words')
    n.add_argument("-o", "--output", help="file to write (default: the id + .yaml, here)")
    n.add_argument("--force", action="store_true", help="overwrite an existing file")
    n.set_defaults(func=cmd_new)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    extra = []  # `play.py my_crisis.yaml ...`: more scenarios for the start screen
    while argv and argv[0].endswith((".yaml", ".yml")) and not argv[0].startswith("-"):
        extra.append(argv.pop(0))
    args = build_parser().parse_args(argv)
    if extra:
        args.extra = extra
    func = getattr(args, "func", cmd_play)
    try:
        return func(args)
    except ScenarioError as exc:
        print(printable(str(exc)), file=sys.stderr)
        return 1
    except ConsensusError as exc:
        print(printable(f"error: {exc}"), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `... | head`: the reader has seen enough
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
