"""A progress bar for long runs, on standard error, only when it is a terminal."""

from __future__ import annotations

import sys
from typing import Any


class NoBar:
    """What a run updates when no bar is shown."""

    def update(self, *_: Any) -> None:
        """Nothing to show."""

    def close(self) -> None:
        """Nothing to close."""


def progress_bar(wanted: bool) -> Any:
    """A tqdm counter of articles on standard error, or NoBar when unwanted or not a terminal."""
    if not wanted or not sys.stderr.isatty():
        return NoBar()
    from tqdm import tqdm

    # No monitor thread: worker processes are forked, and a fork should not copy a live thread.
    tqdm.monitor_interval = 0
    bar = tqdm(unit=" articles", file=sys.stderr, mininterval=0.5, leave=False, dynamic_ncols=True)
    return _Counter(bar)


class _Counter:
    """Counts one article per update, whatever the callback is passed."""

    def __init__(self, bar: Any) -> None:
        self.bar = bar

    def update(self, *_: Any) -> None:
        """One more article."""
        self.bar.update(1)

    def close(self) -> None:
        """Take the bar off the terminal (safe to call twice)."""
        self.bar.close()
