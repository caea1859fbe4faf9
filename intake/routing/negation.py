"""Negation: a cue right before a word ("不是学校食堂") cancels that word, unless its clause
is a rhetorical question ("这不是过期了吗" says it is expired).

The cues are data (``rules/_language.yaml`` for everyone, ``negations`` in a rule for that
rule alone); this module only finds where cues end and answers, per hit, whether one ends
close enough before it.
"""

from __future__ import annotations

import re

from intake.routing.matching import Hit

# "这不是过期了吗" affirms: a cue whose clause ends in a question particle is rhetorical.
_CLAUSE_END = re.compile(r"[，。！？,.!?；;\n]|$")
_RHETORICAL = ("吗", "么", "嘛")


def _rhetorical(text: str, end: int) -> bool:
    found = _CLAUSE_END.search(text, end)
    return text[end:found.start() if found else len(text)].endswith(_RHETORICAL)


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
        return [end for end in ends if not _rhetorical(text, end)]

    def negates(self, ends: list[int], hit: Hit) -> bool:
        """True when a cue ends at most ``window`` characters before the hit starts."""
        return any(hit.start - self.window <= end <= hit.start for end in ends)


class NegationsAfter:
    """Cues that clear the word right before them ("学校食堂没问题"), unless their clause
    asks ("食堂没问题吧？" / "…没问题吗")."""

    def __init__(self, cues: tuple[str, ...], window: int = 1) -> None:
        self.window = window
        self._pattern = _alternation(cues)

    def starts(self, text: str) -> list[int]:
        if self._pattern is None:
            return []
        return [match.start() for match in self._pattern.finditer(text)
                if not _rhetorical(text, match.end()) and not _asks(text, match.end())]

    def negates(self, starts: list[int], hit: Hit) -> bool:
        return any(hit.end <= start <= hit.end + self.window for start in starts)


def _asks(text: str, end: int) -> bool:
    found = _CLAUSE_END.search(text, end)
    return (found is not None and found.group() in ("？", "?")) or text[end:end + 1] in ("吧", "呢")
