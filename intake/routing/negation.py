"""Negation: a cue right before a word ("不是学校食堂") cancels that word.

The cues are data (``rules/_language.yaml`` for everyone, ``negations`` in a rule for that
rule alone); this module only finds where cues end and answers, per hit, whether one ends
close enough before it.
"""

from __future__ import annotations

import re

from intake.routing.matching import Hit


def _alternation(words: tuple[str, ...]) -> re.Pattern[str] | None:
    if not words:
        return None
    return re.compile("|".join(map(re.escape, sorted(words, key=len, reverse=True))))


class Negations:
    """Where negation cues end in a text, so each hit asks one cheap question."""

    def __init__(self, cues: tuple[str, ...], window: int, exceptions: tuple[str, ...] = ()
                 ) -> None:
        self.window = window
        self._pattern = _alternation(cues)
        self._exceptions = _alternation(exceptions)

    def ends(self, text: str) -> list[int]:
        if self._pattern is None:
            return []
        ends = [match.end() for match in self._pattern.finditer(text)]
        if ends and self._exceptions is not None:
            # A cue inside a phrase like 是不是 is a question, not a negation.
            spans = [match.span() for match in self._exceptions.finditer(text)]
            ends = [end for end in ends if not any(a < end <= b for a, b in spans)]
        return ends

    def negates(self, ends: list[int], hit: Hit) -> bool:
        """True when a cue ends at most ``window`` characters before the hit starts."""
        return any(hit.start - self.window <= end <= hit.start for end in ends)
