"""What every subcommand shares: common options, output, the error boundary.

:func:`guarded` is the one place where failures become exit statuses.
:func:`amphora_sets.cli.main` runs argument parsing and the subcommand's
handler inside it, so a handler only raises
:class:`~amphora_sets.AmphoraSetsError` for bad input and returns its exit
status; it never catches ``OSError`` or ``KeyboardInterrupt`` itself.
"""

from __future__ import annotations

import argparse
import dataclasses
import errno
import gc
import json
import os
import sys
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn

from amphora_sets.errors import AmphoraSetsError
from amphora_sets.registry import BUILTIN_REGISTRY, Registry, load_registry
from amphora_sets.registry.printable import escaped

PROG = "amphora-sets"
"""The command's name, as error messages and ``--help`` spell it."""

EXIT_OK = 0
EXIT_FAILED = 1
"""A check failed: an obligation was refuted (or a subcommand's findings)."""
EXIT_BAD_INPUT = 2
EXIT_INTERNAL = 70
"""A defect in this program (``EX_SOFTWARE``), reported in one line."""
EXIT_OUTPUT_LOST = 74
"""Output could not be written (``EX_IOERR``): a full disk, closed stdout."""
EXIT_INTERRUPTED = 130
"""Ctrl-C: 128 + SIGINT, as a shell reports it."""
EXIT_CLOSED_PIPE = 141
"""The reader closed the pipe: 128 + SIGPIPE, quietly, as Unix tools do."""

Handler = Callable[[argparse.Namespace], int]
"""A subcommand: takes the parsed arguments, returns the exit status."""


class ArgumentParser(argparse.ArgumentParser):
    """argparse, except that a failed write of ``--help`` is not ignored."""

    def _print_message(self, message: str, file: Any = None) -> None:
        # argparse swallows OSError here, so ``--help > /dev/full`` would
        # exit 0 with its output lost; let the error boundary see it.
        if not message:
            return
        if file is None or file is sys.stderr:
            error_line(message.rstrip("\n"), raw=True)
        else:
            _require_stdout()
            file.write(message)

    def error(self, message: str) -> NoReturn:
        """Usage, then the error on one escaped line (a value given on
        the command line may hold newlines or escape sequences)."""
        self.print_usage(sys.stderr)
        error_line(f"error: {message}", prog=self.prog)
        raise SystemExit(EXIT_BAD_INPUT)


def guarded(body: Callable[[], int]) -> int:
    """Run ``body`` and turn every way it can fail into an exit status.

    Bad input becomes one line on stderr and 2; a closed pipe a quiet 141;
    any other input or output error one line and 74 (never 0 when output
    was lost); Ctrl-C 130; any other exception one line naming it and 70.
    Standard output is flushed inside the boundary, so output lost at exit
    is caught too.
    """
    try:
        try:
            _require_stdout()
            if hasattr(sys.stdout, "reconfigure"):
                sys.stdout.reconfigure(errors="backslashreplace")
            try:
                status = body()
            except SystemExit as exc:  # argparse: --help, --version, usage
                status = exit_status(exc)
            sys.stdout.flush()
            return status
        except BaseException:
            _settle_stdout()
            raise
    except AmphoraSetsError as exc:
        error_line(f"error: {exc}")
        return EXIT_BAD_INPUT
    except BrokenPipeError:
        return EXIT_CLOSED_PIPE
    except OSError as exc:
        error_line(f"error: {_describe(exc)}")
        return EXIT_OUTPUT_LOST
    except KeyboardInterrupt as exc:
        error_line("interrupted")
        _forget_quietly(exc)
        return EXIT_INTERRUPTED
    except Exception as exc:  # the boundary: one line, exit 70
        error_line(f"internal error: {type(exc).__name__}: {exc}")
        return EXIT_INTERNAL


def _forget_quietly(exc: BaseException) -> None:
    """Free what the interrupted frames held, finalizers silenced.

    Ctrl-C can land inside a constructor (a Z3 context, say) whose
    finalizer then fails on the half-built object and prints a traceback.
    """
    hook = sys.unraisablehook
    sys.unraisablehook = lambda _: None
    try:
        traceback.clear_frames(exc.__traceback__)
        gc.collect()
    finally:
        sys.unraisablehook = hook


def _require_stdout() -> None:
    # Python sets sys.stdout to None when started with fd 1 closed, and
    # print() then drops everything silently: never exit 0 that way.
    if sys.stdout is None:
        raise OSError(errno.EBADF, "standard output is closed")


def _settle_stdout() -> None:
    """Flush what was printed; if that fails, point fd 1 at /dev/null so
    the flush at interpreter exit cannot fail (and complain) again."""
    if sys.stdout is None:
        return
    try:
        sys.stdout.flush()
        return
    except (OSError, ValueError):
        pass
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (AttributeError, OSError, ValueError):
        pass  # not a real file: nothing flushes it at exit


def _describe(exc: OSError) -> str:
    what = exc.strerror or str(exc) or type(exc).__name__
    if exc.filename is None:
        return f"cannot write output: {what}"
    return f"{exc.filename}: {what}"


def error_line(message: str, *, raw: bool = False, prog: str = PROG) -> None:
    """Write ``PROG: MESSAGE`` as one escaped line on stderr.

    With ``raw`` the message (argparse's usage text) keeps its lines, each
    escaped.  A closed or failing stderr is ignored: the status still tells.
    """
    if raw:
        text = "\n".join(printable(line) for line in message.split("\n"))
    else:
        text = f"{prog}: {one_line(message)}"
    try:
        if sys.stderr is not None:
            sys.stderr.write(text + "\n")
            sys.stderr.flush()
    except (OSError, ValueError):
        pass


def one_line(text: str) -> str:
    """``text`` on one line, with every control character escaped."""
    return printable(" ".join(text.split()))


def printable(text: str) -> str:
    """``text`` with control and format characters escaped (``\\x1b``):
    what reaches a terminal cannot move its cursor or retitle it."""
    return escaped(text)


_FORMATS = ("text", "json")


def _file(text: str) -> Path:
    # Path("") is ".", the current directory: say what is wrong instead.
    if not text:
        raise argparse.ArgumentTypeError("must name a file, not ''")
    return Path(text)


def add_topology_file_option(parser: argparse.ArgumentParser) -> None:
    """Add ``--topology-file FILE``, read by :func:`registry_from`."""
    parser.add_argument(
        "--topology-file",
        metavar="FILE",
        type=_file,
        action="append",
        default=[],
        help=(
            "also register the topologies declared in this TOML file "
            "(may be given more than once)"
        ),
    )


def add_format_option(parser: argparse.ArgumentParser) -> None:
    """Add ``--format text|json`` (default ``text``)."""
    parser.add_argument(
        "--format",
        choices=_FORMATS,
        default=None,
        help="output format (default: text)",
    )


def add_shared_options(parser: argparse.ArgumentParser) -> None:
    """The shared options, also accepted before the subcommand."""
    parser.add_argument(
        "--topology-file",
        dest="shared_topology_file",
        metavar="FILE",
        type=_file,
        action="append",
        default=[],
        help="as for each subcommand that takes it",
    )
    parser.add_argument(
        "--format",
        dest="shared_format",
        choices=_FORMATS,
        default=None,
        help="as for each subcommand that takes it",
    )


def merge_shared_options(args: argparse.Namespace, subcommand: str) -> None:
    """Fold the shared options given before the subcommand into ``args``.

    Files given before and after the subcommand all count, in order; a
    ``--format`` after the subcommand wins.  A subcommand that does not
    take an option refuses it in either place.
    """
    for option, shared, own in (
        ("--topology-file", "shared_topology_file", "topology_file"),
        ("--format", "shared_format", "format"),
    ):
        value = getattr(args, shared)
        delattr(args, shared)
        if not hasattr(args, own):
            if value:
                raise AmphoraSetsError(
                    option, f"is not an option of {subcommand!r}"
                )
            continue
        if own == "topology_file":
            args.topology_file = [*value, *args.topology_file]
        elif args.format is None:
            args.format = value or _FORMATS[0]


def registry_from(args: argparse.Namespace) -> Registry:
    """The built-in registry extended with every ``--topology-file``."""
    return registry_and_sources(args)[0]


def registry_and_sources(
    args: argparse.Namespace,
) -> tuple[Registry, dict[str, str]]:
    """:func:`registry_from`, and the file each added topology came from."""
    registry = BUILTIN_REGISTRY
    sources: dict[str, str] = {}
    for path in args.topology_file:
        extended = load_registry(path, registry)
        for name in extended.names[len(registry.names) :]:
            sources[name] = str(path)
        registry = extended
    return registry, sources


def exit_status(exc: SystemExit) -> int:
    """The integer exit status argparse meant by raising ``exc``."""
    if exc.code is None:
        return EXIT_OK
    if isinstance(exc.code, int):
        return exc.code
    return EXIT_BAD_INPUT


def print_json(document: Any) -> None:
    """Print ``document`` as indented JSON, keys in the order given."""
    print(json.dumps(document, indent=2))


def table_lines(
    headers: Sequence[str], rows: Sequence[Sequence[str]], indent: str = ""
) -> list[str]:
    """An aligned plain-text table: a header, a rule, one line per row."""
    widths = [len(header) for header in headers]
    for row in rows:
        widths = [
            max(w, len(cell)) for w, cell in zip(widths, row, strict=True)
        ]
    table = Table(headers, widths, indent)
    return [*table.head(), *(table.line(row) for row in rows)]


@dataclasses.dataclass(frozen=True)
class Table:
    """A plain-text table whose column widths are fixed up front, so its
    rows can be printed one at a time as they become known."""

    headers: Sequence[str]
    widths: Sequence[int]
    indent: str = ""

    def _columns(self) -> list[int]:
        return [
            max(w, len(h))
            for w, h in zip(self.widths, self.headers, strict=True)
        ]

    def head(self) -> list[str]:
        """The header line and the rule under it."""
        return [
            self.line(self.headers),
            self.line(["-" * w for w in self._columns()]),
        ]

    def line(self, cells: Sequence[str]) -> str:
        """One row, escaped; a cell wider than its column pushes the rest
        right."""
        padded = (
            printable(cell).ljust(w)
            for cell, w in zip(cells, self._columns(), strict=True)
        )
        return (self.indent + "  ".join(padded)).rstrip()
