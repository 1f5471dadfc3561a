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
from collections.abc import Callable, Iterator
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
    found = _compiled()(record)
    if found is None:
        return None
    where, reason = found
    return f"{''.join(reversed(where)).removeprefix('.') or 'the record'}: {reason}"


Check = Callable[[Any], "tuple[list[str], str] | None"]
"""A compiled rule: None, or (where — path parts innermost first —, reason)."""


@cache
def _compiled() -> Check:
    """The contract made into nested functions once: 1,000 bench records are checked in about 0.2 s,
    where walking the schema's dicts for every value took 3 s."""
    schema = record_schema()
    return _compile(schema, schema)


def _resolve(rule: dict[str, Any], root: dict[str, Any]) -> dict[str, Any]:
    target: Any = root
    for part in rule["$ref"].removeprefix("#/").split("/"):
        target = target[part]
    return target


def _compile(rule: dict[str, Any], root: dict[str, Any]) -> Check:
    checks: list[Check] = []
    if "$ref" in rule:
        checks.append(_compile(_resolve(rule, root), root))
    if "type" in rule:
        names = rule["type"] if isinstance(rule["type"], list) else [rule["type"]]
        kinds = tuple(t for n in names for t in JSON_TYPES[n])
        no_bool = "boolean" not in names
        expected = " or ".join(names)

        def check_type(value: Any) -> tuple[list[str], str] | None:
            if isinstance(value, kinds) and not (no_bool and isinstance(value, bool)):
                return None
            return [], f"expected {expected}, got {_shown(value)}"

        checks.append(check_type)
    if "enum" in rule:
        allowed_values = rule["enum"]
        allowed = ", ".join("null" if v is None else str(v) for v in allowed_values)

        def check_enum(value: Any) -> tuple[list[str], str] | None:
            if any(value == v and type(value) is type(v) for v in allowed_values):
                return None
            return [], f"{_shown(value)} is not one of {allowed}"

        checks.append(check_enum)
    if "oneOf" in rule:
        options = [_compile(r, root) for r in rule["oneOf"]]

        def check_one_of(value: Any) -> tuple[list[str], str] | None:
            reasons = [o(value) for o in options]
            fits = sum(r is None for r in reasons)
            if fits == 1:
                return None
            return reasons[-1] if not fits else ([], "fits more than one allowed shape")

        checks.append(check_one_of)
    if rule.get("format") == "date":
        def check_date(value: Any) -> tuple[list[str], str] | None:
            if isinstance(value, str) and not _is_date(value):
                return [], f"{_shown(value)} is not a date (YYYY-MM-DD)"
            return None

        checks.append(check_date)
    if "minimum" in rule:
        low = rule["minimum"]

        def check_minimum(value: Any) -> tuple[list[str], str] | None:
            if isinstance(value, (int, float)) and not isinstance(value, bool) and value < low:
                return [], f"{value} is below {low}"
            return None

        checks.append(check_minimum)
    required = tuple(rule.get("required", ()))
    properties = [(key, _compile(sub, root)) for key, sub in rule.get("properties", {}).items()]
    if required or properties:
        def check_object(value: Any) -> tuple[list[str], str] | None:
            if not isinstance(value, dict):
                return None
            for key in required:
                if key not in value:
                    return [], f"'{key}' is missing"
            for key, sub in properties:
                if key in value:
                    found = sub(value[key])
                    if found is not None:
                        found[0].append(f".{key}")
                        return found
            return None

        checks.append(check_object)
    if "items" in rule or "minItems" in rule or "maxItems" in rule:
        items = _compile(rule["items"], root) if "items" in rule else None
        least, most = rule.get("minItems", 0), rule.get("maxItems")

        def check_array(value: Any) -> tuple[list[str], str] | None:
            if not isinstance(value, list):
                return None
            if len(value) < least or (most is not None and len(value) > most):
                return [], f"{len(value)} items, expected {_count(rule)}"
            if items is not None:
                for i, item in enumerate(value):
                    found = items(item)
                    if found is not None:
                        found[0].append(f"[{i}]")
                        return found
            return None

        checks.append(check_array)
    if len(checks) == 1:
        return checks[0]

    def check_all(value: Any) -> tuple[list[str], str] | None:
        for check in checks:
            found = check(value)
            if found is not None:
                return found
        return None

    return check_all


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
