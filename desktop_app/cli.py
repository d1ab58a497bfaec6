"""The command line: `key-projects [--db PATH|URL]` opens the window; sub-commands do the rest.

Exit status: 0 done; 2 bad input or usage (one line on stderr naming the place);
1 anything unexpected (the traceback goes to a log file whose path is printed).
Each sub-command lives in `desktop_app/commands/<name>.py` with `register(subparsers)`,
imported only when the command line needs it, so opening the window stays fast.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import importlib
import sys
from collections.abc import Sequence

#: Sub-command modules in `desktop_app.commands`, in the order `--help` lists them.
COMMANDS: tuple[str, ...] = (
    "check",
    "init",
    "backup",
    "restore",
    "report",
    "copy",
    "export",
    "import_",
    "close_quarter",
    "quarters",
    "reopen_quarter",
    "evidence",
    "returns",
)


def settle_imports() -> None:
    """Take what the imports built so far out of the cycle collector's walks.

    Modules, classes and tables live until the process ends, yet every full collection
    (and the ones at exit) walks them all: with SQLAlchemy loaded that is ~0.1 s of a
    one-second command. `gc.freeze` moves them to the permanent generation; a command
    that imports more on its way (the brief: reportlab) calls this again after.
    """
    gc.freeze()


def _common(parser: argparse.ArgumentParser, *, suppress: bool) -> None:
    default = argparse.SUPPRESS if suppress else None
    parser.add_argument(
        "--db",
        metavar="PATH|URL",
        default=default,
        help="database file or URL (default: $KEY_PROJECTS_DB, else the user data folder)",
    )
    parser.add_argument(
        "--lang", choices=("zh", "en"), default=default, help="interface / output language"
    )


class _VersionAction(argparse.Action):
    """`--version`, read when asked: importlib.metadata costs every other command ~15 ms."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: object) -> None:
        super().__init__(option_strings, dest, nargs=0, help="show the version and exit")

    def __call__(self, parser: argparse.ArgumentParser, *_: object) -> None:
        from desktop_app import __version__

        print(f"key-projects {__version__}")
        parser.exit()


def _command_named(argv: Sequence[str]) -> str | None:
    """The one sub-command module the command line names, so only it is imported; None
    for help before any command (then every command is listed)."""
    modules = {c.rstrip("_").replace("_", "-"): c for c in COMMANDS}
    for arg in argv:
        if arg in ("-h", "--help"):
            return None
        if arg in modules:
            return modules[arg]
    return None


def build_parser(commands: Sequence[str] = COMMANDS) -> argparse.ArgumentParser:
    """The parser with `commands` registered (all of them for help and usage errors)."""
    parser = argparse.ArgumentParser(
        prog="key-projects",
        description="Siming District key projects portfolio (思明区重点支撑项目管理)",
    )
    parser.add_argument("--version", action=_VersionAction)
    parser.add_argument("--selftest", action="store_true", help=argparse.SUPPRESS)
    _common(parser, suppress=False)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in commands:
        module = importlib.import_module(f"desktop_app.commands.{name}")
        sp = module.register(sub)
        _common(sp, suppress=True)
        sp.set_defaults(handler=module.run)
    return parser


def _wants_gui(argv: Sequence[str]) -> bool:
    """No sub-command: skip building the parser's sub-commands (fast start-up)."""
    names = {c.rstrip("_").replace("_", "-") for c in COMMANDS}
    names |= {"-h", "--help", "--version", "--selftest"}
    return not any(arg in names for arg in argv)


def _gui_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="key-projects")
    _common(parser, suppress=False)
    return parser


def _drop_stdout() -> None:
    """Point stdout at the null device, so the interpreter's last flush at exit does not
    fail again on the closed pipe (and print "Exception ignored")."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def tolerant_output() -> None:
    """Output that cannot fail: on a Chinese Windows the console (and a file it is
    redirected to) is cp936, and a character GBK lacks (an emoji in a file name, a name
    pasted from elsewhere) would end the command with UnicodeEncodeError after its work
    was done. It prints as `?` instead. A missing stream (the windowed program) is left
    None: print() then writes nothing."""
    for stream in (sys.stdout, sys.stderr):
        if getattr(stream, "errors", None) == "strict" and hasattr(stream, "reconfigure"):
            with contextlib.suppress(OSError, ValueError):
                stream.reconfigure(errors="replace")


def _from_preferences(args: argparse.Namespace) -> None:
    """The window's settings for what the command line was not told: messages in the
    window's language (English when no window has saved one), unless `--lang`; the officer
    named in Settings → Officer, unless `--officer`."""
    from desktop_app.i18n import set_language
    from desktop_app.preferences import Preferences

    saved = Preferences.path().is_file()
    prefs = Preferences.load()
    set_language(args.lang or (prefs.language if saved else "en"))
    if getattr(args, "officer", None) == "" and prefs.officer:
        args.officer = prefs.officer


def main(argv: Sequence[str] | None = None) -> int:
    from desktop_app.errors import UserError
    from desktop_app.logs import log_unexpected

    tolerant_output()
    args_list = list(sys.argv[1:] if argv is None else argv)
    try:
        if _wants_gui(args_list):
            args = _gui_parser().parse_args(args_list)
            from desktop_app.ui.app import run_gui

            return run_gui(args.db, args.lang)
        named = _command_named(args_list)
        args = build_parser((named,) if named else COMMANDS).parse_args(args_list)
        if args.selftest:
            from desktop_app.selftest import run_selftest

            return run_selftest()
        if args.command is None:
            from desktop_app.ui.app import run_gui

            return run_gui(args.db, args.lang)
        _from_preferences(args)
        settle_imports()
        status = int(args.handler(args) or 0)
        sys.stdout.flush()  # here, not at exit: a closed pipe is then the handler below
        return status
    except UserError as exc:
        print(f"key-projects: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `key-projects import x.xlsx | head -1`: the reader has gone
        _drop_stdout()
        return 141  # 128 + SIGPIPE, as a shell pipeline reports it
    except Exception as exc:
        path = log_unexpected(exc)
        print(
            f"key-projects: unexpected error ({type(exc).__name__}); details in {path}",
            file=sys.stderr,
        )
        return 1
