"""Project configuration: `claimcheck.toml`, or `[tool.claimcheck]` in `pyproject.toml`.

Found by walking up from the working folder; the first `claimcheck.toml`, or the first
`pyproject.toml` with a `[tool.claimcheck]` table, wins (as ruff does). Paths in the file are
relative to the folder that holds it. Every key is checked: an unknown key or a wrong type
stops the run with the file (and, where it can be found, the line) named. Flags on the
command line override the file.

```toml
[tool.claimcheck]
corpus = "corpus"                    # the folder `check` and `ci` read when none is named
include = ["**/*.md", "**/*.txt"]    # article paths (relative to corpus) to read; default all
exclude = ["drafts"]                 # article paths to leave out; a folder leaves out all below it
select = ["trade", "meeting-count"]  # rule ids or families, as --select
ignore = ["event-date"]              # as --ignore
manifest = "corpus/manifest.csv"
ledger = "claimcheck-reviews.jsonl"
baseline = "claimcheck-baseline.json"
fx = "data/fx.csv"                   # exchange rates (default: the shipped table)
[tool.claimcheck.tolerances]         # relative tolerance per family; read by nothing yet
trade = 0.02
```
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import regex

from checker.model import Family

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

CONFIG_FILE = "claimcheck.toml"
PYPROJECT = "pyproject.toml"
TOML_ERROR_LINE = regex.compile(r"\(at line (?P<line>\d+)")


class ConfigError(Exception):
    """The configuration file cannot be used; the message names the file (and line)."""


@dataclass(frozen=True, slots=True)
class Config:
    """Settings from the configuration file; empty when there is none."""

    source: Path | None = None  # the file these came from
    corpus: Path | None = None
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    manifest: Path | None = None
    ledger: Path | None = None
    baseline: Path | None = None
    fx: Path | None = None
    # (family, relative tolerance) pairs; kept and passed to the run, not yet used by compare.
    tolerances: tuple[tuple[str, float], ...] = field(default=())


def _strings(value: object) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise TypeError("must be a list of non-empty strings")
    return tuple(v.strip() for v in value)


def _path(value: object) -> str:
    if not isinstance(value, str) or not value.strip():
        raise TypeError("must be a path (a non-empty string)")
    return value.strip()


def _tolerances(value: object) -> tuple[tuple[str, float], ...]:
    if not isinstance(value, dict):
        raise TypeError("must be a table of family = relative tolerance")
    families = {f.value for f in Family}
    pairs = []
    for name, tol in sorted(value.items()):
        if name not in families:
            raise ValueError(f"unknown family {name!r} (known: {', '.join(sorted(families))})")
        if isinstance(tol, bool) or not isinstance(tol, (int, float)) or not 0 <= tol < 1:
            raise ValueError(f"{name} must be a number from 0 up to (not including) 1")
        pairs.append((name, float(tol)))
    return tuple(pairs)


PATH_KEYS = ("corpus", "manifest", "ledger", "baseline", "fx")
# How each key's TOML value becomes a Config field.
KEYS: dict[str, Callable[[object], Any]] = {
    "corpus": _path,
    "include": _strings,
    "exclude": _strings,
    "select": _strings,
    "ignore": _strings,
    "manifest": _path,
    "ledger": _path,
    "baseline": _path,
    "fx": _path,
    "tolerances": _tolerances,
}


def _key_line(text: str, key: str) -> int | None:
    """The line where a key is set or its table opens, for error messages."""
    setting = regex.compile(
        rf"^\s*(?:\[[^\]]*\b{regex.escape(key)}\]|\"?{regex.escape(key)}\"?\s*=)"
    )
    for n, line in enumerate(text.splitlines(), 1):
        if setting.match(line):
            return n
    return None


def parse_config(table: dict[str, Any], source: Path, text: str = "") -> Config:
    """A Config from the claimcheck table of `source`; paths resolve against its folder."""
    values: dict[str, Any] = {}
    for key, raw in table.items():
        line = _key_line(text, key)
        where = f"{source}:{line}" if line else str(source)
        convert = KEYS.get(key)
        if convert is None:
            raise ConfigError(f"{where}: unknown key {key!r} (known: {', '.join(KEYS)})")
        try:
            value = convert(raw)
        except (TypeError, ValueError) as exc:
            raise ConfigError(f"{where}: {key} {exc}") from exc
        values[key] = (source.parent / value).resolve() if key in PATH_KEYS else value
    return Config(source=source, **values)


def read_config(path: Path) -> Config:
    """Read one configuration file; a pyproject.toml without [tool.claimcheck] gives Config()."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read configuration: {exc}") from exc
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        # tomllib gives "(at line N, column M)", or "(at end of document)": the last line.
        at = TOML_ERROR_LINE.search(str(exc))
        line = int(at["line"]) if at else max(1, len(text.splitlines()))
        raise ConfigError(f"{path}:{line}: not valid TOML: {exc}") from exc
    if path.name != PYPROJECT:
        table = data  # claimcheck.toml (or a file named by --config) holds the keys at top level
    else:
        table = data.get("tool", {}).get("claimcheck")
        if table is None:
            return Config()
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [tool.claimcheck] must be a table")
    return parse_config(table, path, text)


def find_config(start_dir: Path) -> Path | None:
    """The nearest claimcheck.toml, or pyproject.toml with [tool.claimcheck], from start_dir up."""
    for folder in (start_dir.resolve(), *start_dir.resolve().parents):
        own = folder / CONFIG_FILE
        if own.is_file():
            return own
        pyproject = folder / PYPROJECT
        if pyproject.is_file() and _has_table(pyproject):
            return pyproject
    return None


def _has_table(pyproject: Path) -> bool:
    # Parsed for real later; here only "does it mention our table", so a broken unrelated
    # pyproject.toml above the project does not stop the search.
    try:
        text = pyproject.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    return (
        regex.search(r"^\s*\[\s*tool\s*\.\s*claimcheck\s*[\].]", text, flags=regex.MULTILINE)
        is not None
    )


def load_config(start_dir: Path) -> Config:
    """The configuration that applies in start_dir, or Config() when there is none."""
    path = find_config(start_dir)
    return read_config(path) if path else Config()
