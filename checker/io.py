"""Writing files users keep: never half-written (temp file, fsync, rename)."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path


def write_atomic(path: Path | str, text: str) -> None:
    """Replace `path` with `text` in one step: readers see the old file or the new, never a torn one."""
    write_atomic_chunks(path, (text,))


def write_atomic_chunks(path: Path | str, chunks: Iterable[str]) -> None:
    """write_atomic for text that comes in pieces (a large report), never all in memory at once."""
    _write_atomic(path, chunks, binary=False)


def write_atomic_bytes(path: Path | str, data: bytes) -> None:
    """write_atomic for bytes."""
    _write_atomic(path, (data,), binary=True)


def _write_atomic(path: Path | str, chunks: Iterable[str] | Iterable[bytes], binary: bool) -> None:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.chmod(tmp, _mode_for(path))  # mkstemp makes 0600; keep the file's mode or the umask's
        opened = os.fdopen(fd, "wb") if binary else os.fdopen(fd, "w", encoding="utf-8", newline="")
        with opened as f:
            for chunk in chunks:
                f.write(chunk)  # type: ignore[arg-type]
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    try:  # make the rename itself durable where the platform allows
        dir_fd = os.open(path.parent, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)


def _mode_for(path: Path) -> int:
    """The permissions a rewritten file keeps: its own, or for a new file what the umask allows."""
    try:
        return os.stat(path).st_mode & 0o7777
    except OSError:
        umask = os.umask(0o022)  # read the umask: it can only be read by setting it
        os.umask(umask)
        return 0o666 & ~umask
