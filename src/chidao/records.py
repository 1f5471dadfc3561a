"""Directive records as an interchange: JSON Lines files read back, each line checked against the
contract (``data/directive-record.schema.json``) before it may reach a store.

Records made elsewhere (``chidao extract --format jsonl`` on other machines, under any batch engine)
are untrusted input: a line that is not JSON, not one object, or not a record of the contract is a
one-line error naming the file and the line, and the other lines go on.

The checker is chidao's own and covers exactly the keywords the contract uses (``type``,
``required``, ``properties``, ``items``, ``enum``, ``oneOf``, ``$ref``, ``minItems``, ``maxItems``,
``minimum``, ``format: date``): ``jsonschema`` is a test dependency only, and the test suite checks
that both agree (tests/store/test_records.py).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

SCHEMA_FILE = "directive-record.schema.json"

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
"""``format: date`` (RFC 3339 full-date): four-digit year, two-digit month and day, then a real date."""

JSON_TYPES: dict[str, tuple[type, ...]] = {
    "object": (dict,), "array": (list,), "string": (str,), "integer": (int,), "number": (int, float),
    "boolean": (bool,), "null": (type(None),),
}


@cache
def record_schema() -> dict[str, Any]:
    """The record contract, as shipped in the package."""
    return json.loads(files("chidao").joinpath("data", SCHEMA_FILE).read_text(encoding="utf-8"))


def record_error(record: Any) -> str | None:
    """Why ``record`` is not a record of the contract (the first reason, with where: ``document.date:
    …``), or None when it is one."""
    schema = record_schema()
    return _check(record, schema, schema, "")


def _is(value: Any, name: str) -> bool:
    if isinstance(value, bool) and name in ("integer", "number"):
        return False  # JSON true is not 1
    return isinstance(value, JSON_TYPES[name])


def _where(path: str) -> str:
    return path or "the record"


def _check(value: Any, rule: dict[str, Any], root: dict[str, Any], path: str) -> str | None:
    if "$ref" in rule:
        target: Any = root
        for part in rule["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        found = _check(value, target, root, path)
        if found:
            return found
    if "type" in rule:
        names = rule["type"] if isinstance(rule["type"], list) else [rule["type"]]
        if not any(_is(value, n) for n in names):
            return f"{_where(path)}: expected {' or '.join(names)}, got {_shown(value)}"
    if "enum" in rule and not any(value == v and type(value) is type(v) for v in rule["enum"]):
        allowed = ", ".join("null" if v is None else str(v) for v in rule["enum"])
        return f"{_where(path)}: {_shown(value)} is not one of {allowed}"
    if "oneOf" in rule:
        fits = [r for r in rule["oneOf"] if _check(value, r, root, path) is None]
        if len(fits) != 1:
            reasons = [_check(value, r, root, path) for r in rule["oneOf"]]
            return reasons[-1] if not fits else f"{_where(path)}: fits more than one allowed shape"
    if rule.get("format") == "date" and isinstance(value, str) and not _is_date(value):
        return f"{_where(path)}: {_shown(value)} is not a date (YYYY-MM-DD)"
    if isinstance(value, (int, float)) and not isinstance(value, bool) and "minimum" in rule \
            and value < rule["minimum"]:
        return f"{_where(path)}: {value} is below {rule['minimum']}"
    if isinstance(value, dict):
        for key in rule.get("required", ()):
            if key not in value:
                return f"{_where(path)}: '{key}' is missing"
        for key, sub in rule.get("properties", {}).items():
            if key in value:
                found = _check(value[key], sub, root, f"{path}.{key}" if path else key)
                if found:
                    return found
    if isinstance(value, list):
        if len(value) < rule.get("minItems", 0) or len(value) > rule.get("maxItems", len(value)):
            return f"{_where(path)}: {len(value)} items, expected {_count(rule)}"
        if "items" in rule:
            for i, item in enumerate(value):
                found = _check(item, rule["items"], root, f"{path}[{i}]")
                if found:
                    return found
    return None


def _count(rule: dict[str, Any]) -> str:
    low, high = rule.get("minItems"), rule.get("maxItems")
    if low == high:
        return str(low)
    return f"at least {low}" if high is None else f"at most {high}" if low is None else f"{low} to {high}"


def _is_date(text: str) -> bool:
    if not ISO_DATE.fullmatch(text):
        return False
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _shown(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 40 else text[:37] + "…"


@dataclass(frozen=True)
class Line:
    """Where a record was read: the JSON Lines file, its 1-based line number and byte offset."""

    file: str
    number: int
    offset: int

    def __str__(self) -> str:
        return f"{self.file}:{self.number}"


def record_files(paths: list[str | os.PathLike[str]]) -> list[str]:
    """The JSON Lines files to read: each file as given, and every ``*.jsonl`` under a folder
    (sorted, so shards load in a stable order)."""
    out: list[str] = []
    for path in paths:
        if os.path.isdir(path):
            out += sorted(str(p) for p in Path(path).rglob("*.jsonl") if p.is_file())
        else:
            out.append(str(path))
    return out


def iter_lines(path: str) -> Iterator[tuple[Line, dict[str, Any] | None, str | None]]:
    """(where, record, error) for every non-blank line of one JSON Lines file: a valid record and no
    error, or no record and a one-line reason. A file that cannot be opened raises ``OSError``."""
    with open(path, "rb") as fp:
        offset = 0
        for number, raw in enumerate(fp, 1):
            where = Line(path, number, offset)
            offset += len(raw)
            if not raw.strip():
                continue
            record, error = parse_line(raw)
            yield where, record, error


def parse_line(raw: bytes) -> tuple[dict[str, Any] | None, str | None]:
    """One line → (record, None) or (None, reason)."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, f"not UTF-8 (byte {exc.start})"
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        return None, f"not JSON ({exc.msg} at column {exc.colno})"
    except RecursionError:
        return None, "not JSON (nested too deeply)"
    if b"\\ud" in raw.lower() and _has_surrogate(value):
        return None, "not UTF-8 text (a \\u escape names half of a surrogate pair)"
    error = record_error(value)
    if error:
        return None, f"not a directive record: {error}"
    return value, None


def _has_surrogate(value: Any) -> bool:
    """Whether a string anywhere in ``value`` holds a lone surrogate (``"\\ud800"`` is valid JSON but
    no text: the store would fail on it in the middle of a batch)."""
    try:
        json.dumps(value, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


class Reader:
    """Reads records again at lines already checked by :func:`iter_lines`, so a run holds where
    each record is, never the records themselves. Keeps the last file open (lines come in order)."""

    def __init__(self) -> None:
        self._name: str | None = None
        self._fp: Any = None

    def read(self, where: Line) -> dict[str, Any]:
        if where.file != self._name:
            self.close()
            self._fp, self._name = open(where.file, "rb"), where.file  # noqa: SIM115 (kept open across calls)
        self._fp.seek(where.offset)
        return json.loads(self._fp.readline().decode("utf-8"))

    def close(self) -> None:
        if self._fp is not None:
            self._fp.close()
        self._fp = self._name = None


__all__ = ["Line", "Reader", "iter_lines", "parse_line", "record_error", "record_files", "record_schema"]
