"""Labelled sets as JSON Lines, read the one way every evaluation command reads them.

A batch opens with ``#`` lines saying who wrote it, when, and before which run (the record
that its first-run figure is honest): those are skipped, as are blank lines. A line that is
not a JSON object stops the reading with its number, so a slip in a set of thousands of
lines is found at once rather than as a traceback.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any


class LabelledSetError(ValueError):
    """A line of a labelled set that cannot be evaluated; the message names the line."""


def labelled_objects(lines: Iterable[str]) -> Iterator[tuple[int, dict[str, Any]]]:
    """Each JSON object of ``lines`` with its line number (counted from 1)."""
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        try:
            data = json.loads(stripped)
        except json.JSONDecodeError as exc:
            raise LabelledSetError(f"line {number}: not JSON ({exc.msg})") from exc
        if not isinstance(data, dict):
            raise LabelledSetError(f"line {number}: not a JSON object")
        yield number, data


def string_field(data: dict[str, Any], name: str, number: int) -> str:
    """``data[name]``, which a labelled line must give as a string."""
    value = data.get(name)
    if not isinstance(value, str):
        raise LabelledSetError(f"line {number}: {name!r} must be a string")
    return value
