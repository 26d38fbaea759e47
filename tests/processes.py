"""Processes as the system shows them: for tests that check no worker is left behind."""

from __future__ import annotations

import os
from pathlib import Path


def _stat(pid: int | str) -> list[str] | None:
    """The fields of /proc/PID/stat after the command name (state first), or None."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
    except OSError:  # ended, or no /proc here
        return None
    return text.rsplit(")", 1)[1].split()


def is_live(pid: int) -> bool:
    """Whether a process is running: not ended, nor a zombie waiting to be reaped."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    fields = _stat(pid)
    return fields is None or fields[0] != "Z"


def session_members(sid: int) -> list[int]:
    """The live processes of a session (a run and its workers), from /proc (Linux)."""
    found = []
    for entry in Path("/proc").glob("[0-9]*"):
        fields = _stat(entry.name)
        if fields is not None and fields[0] != "Z" and int(fields[3]) == sid:  # state ... session
            found.append(int(entry.name))
    return found
