"""A one-line progress counter on standard error, shown only on a terminal.

Between results it reads ``[12/122] proving... 3.4 s``; it is erased
before anything else is printed, so the output stays clean when standard
output and standard error share the terminal, and nothing is written
at all when standard error is not a terminal.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO


class Progress:
    """Counts ``done`` of ``total`` on ``stream`` if it is a terminal."""

    def __init__(self, total: int, stream: TextIO | None = None) -> None:
        self.total = total
        self._stream = sys.stderr if stream is None else stream
        self._started = time.monotonic()
        self._shown = False
        try:
            self.enabled = bool(self._stream) and self._stream.isatty()
        except (AttributeError, OSError, ValueError):
            self.enabled = False

    def show(self, done: int) -> None:
        """Show that ``done`` of the total are finished."""
        elapsed = time.monotonic() - self._started
        self._write(
            f"\r\x1b[K[{done}/{self.total}] proving... {elapsed:.1f} s"
        )
        self._shown = self.enabled

    def clear(self) -> None:
        """Erase the counter, if it is shown."""
        if self._shown:
            self._write("\r\x1b[K")
            self._shown = False

    def _write(self, text: str) -> None:
        if not self.enabled:
            return
        try:
            self._stream.write(text)
            self._stream.flush()
        except (OSError, ValueError):
            self.enabled = False  # a lost counter is no reason to stop
