"""Finding the rules' words in normalised text: exact, homophone (pinyin) and typo (fuzzy).

Each surface form (a keyword or one of its synonyms) is indexed by its first character so
that one pass over the text finds every occurrence, overlapping ones included, in a few
microseconds. Homophones and typos are looked for only where no exact word already matched,
and only for keywords long enough that a near match is still meaningful.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from intake.routing.ruleset import Rule, RuleSet

EXACT = "exact"
PINYIN = "pinyin"
FUZZY = "fuzzy"


@dataclass(frozen=True)
class Target:
    """What a surface form means for one rule: which keyword, which role, what weight."""

    rule_id: str
    keyword: str
    role: str  # "keyword", "strengthen", "veto", "unless" or "group:<n>"
    weight: float


@dataclass(frozen=True)
class Hit:
    """One occurrence of a surface form in the normalised text."""

    start: int
    end: int
    surface: str
    kind: str
    targets: tuple[Target, ...]


def _targets_of(rule: Rule) -> Iterable[tuple[str, Target]]:
    for word, weight in rule.keywords.items():
        yield word, Target(rule.id, word, "keyword", weight)
    for word, weight in rule.strengthen.items():
        yield word, Target(rule.id, word, "strengthen", weight)
    for word in rule.veto:
        yield word, Target(rule.id, word, "veto", 0.0)
    for word in rule.all_of_unless:
        yield word, Target(rule.id, word, "unless", 0.0)
    for index, group in enumerate(rule.all_of):
        for word in group:
            yield word, Target(rule.id, word, f"group:{index}", rule.all_of_weight)


class ExactIndex:
    """Every surface form of every rule, found by one scan of the text."""

    def __init__(self, surfaces: Mapping[str, tuple[Target, ...]]) -> None:
        self.surfaces = dict(surfaces)
        by_first: dict[str, list[str]] = {}
        for surface in self.surfaces:
            by_first.setdefault(surface[0], []).append(surface)
        self._by_first = {
            first: tuple(sorted(words, key=len, reverse=True)) for first, words in by_first.items()
        }

    def find(self, text: str) -> list[Hit]:
        """Every occurrence, overlapping ones included, in text order."""
        hits: list[Hit] = []
        by_first = self._by_first
        for index, char in enumerate(text):
            words = by_first.get(char)
            if words is None:
                continue
            for word in words:
                if text.startswith(word, index):
                    hits.append(Hit(index, index + len(word), word, EXACT, self.surfaces[word]))
        return hits


def build_surfaces(
    ruleset: RuleSet, synonyms: Mapping[str, tuple[str, ...]], normalize: callable  # type: ignore[valid-type]
) -> dict[str, tuple[Target, ...]]:
    """Surface form -> targets: each rule word and each synonym of it, normalised."""
    table: dict[str, list[Target]] = {}
    for rule in ruleset.rules:
        for word, target in _targets_of(rule):
            forms = {word, *synonyms.get(word, ())}
            for form in forms:
                surface = normalize(form)
                if surface:
                    table.setdefault(surface, []).append(target)
    return {surface: tuple(targets) for surface, targets in table.items()}


def drop_contained(hits: list[Hit]) -> list[Hit]:
    """Hits not strictly inside a longer hit ('学校食堂' wins over its '食堂'), and near
    matches only where no exact word already explains the characters."""
    exact = [hit for hit in hits if hit.kind == EXACT]
    hits = exact + [
        hit for hit in hits
        if hit.kind != EXACT
        and not any(
            other.start < hit.end and hit.start < other.end
            and other.end - other.start >= hit.end - hit.start
            for other in exact
        )
    ]
    kept = []
    for hit in hits:
        # A word inside a longer one still counts for the longer word's own rule (散装 in
        # 散装白酒), never for another rule (食堂 in 学校食堂 is not a university canteen).
        outer = [
            other for other in hits
            if other is not hit and other.start <= hit.start and hit.end <= other.end
            and (other.end - other.start) > (hit.end - hit.start)
        ]
        if not outer:
            kept.append(hit)
            continue
        allowed = set.intersection(*({t.rule_id for t in other.targets} for other in outer))
        targets = tuple(t for t in hit.targets if t.rule_id in allowed)
        if targets:
            kept.append(Hit(hit.start, hit.end, hit.surface, hit.kind, targets))
    return kept


def negated(text: str, hit: Hit, negations: tuple[str, ...], window: int) -> bool:
    """True when a negation cue ends at most ``window`` characters before the hit."""
    if not negations:
        return False
    longest = max(map(len, negations))
    before = text[max(0, hit.start - window - longest): hit.start]
    for cue in negations:
        position = before.rfind(cue)
        if position >= 0 and len(before) - (position + len(cue)) <= window:
            return True
    return False


def _is_cjk(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff" or "\u3400" <= char <= "\u4dbf"


# Sounds that many speakers (and so their pinyin typing) do not tell apart: zh/z, ch/c,
# sh/s, n/l, and the front and back nasals.
_FUZZY_INITIALS = (("zh", "z"), ("ch", "c"), ("sh", "s"), ("l", "n"))
_FUZZY_FINALS = (("ang", "an"), ("eng", "en"), ("ing", "in"))


def _blur(reading: str) -> str:
    for long, short in _FUZZY_INITIALS:
        if reading.startswith(long):
            reading = short + reading[len(long):]
            break
    for long, short in _FUZZY_FINALS:
        if reading.endswith(long):
            return reading[: -len(long)] + short
    return reading


class Readings:
    """Toneless, accent-blurred pinyin readings of single characters, polyphones kept whole.

    Pinyin input produces homophones without regard to tone (过其 for 过期), and dialect
    speakers mix zh/z, n/l, -ng/-n; a character matches another when they share a reading.
    """

    def __init__(self) -> None:
        from pypinyin import Style, pinyin

        self._pinyin = pinyin
        self._style = Style.NORMAL
        self._cache: dict[str, frozenset[str]] = {}
        self._exact: dict[str, frozenset[str]] = {}
        self._usual: dict[str, frozenset[str]] = {}

    def of_word(self, word: str) -> tuple[str, ...]:
        """The reading of each character of ``word`` in context, blurred."""
        return tuple(_blur(reading) for reading in self._pinyin_plain(word))

    def exact_of_word(self, word: str) -> tuple[str, ...]:
        """The toneless reading of each character of ``word`` in context, not blurred."""
        return tuple(self._pinyin_plain(word))

    def _pinyin_plain(self, word: str) -> list[str]:
        return [item[0] for item in self._pinyin(word, style=self._style)]

    def exact(self, char: str) -> frozenset[str]:
        """Every toneless reading of ``char`` without the dialect blur."""
        found = self._exact.get(char)
        if found is None:
            found = frozenset(self._pinyin(char, style=self._style, heteronym=True)[0])
            self._exact[char] = found
        return found

    def usual(self, char: str) -> frozenset[str]:
        """The most common toneless reading of ``char`` only."""
        found = self._usual.get(char)
        if found is None:
            found = frozenset(self._pinyin(char, style=self._style)[0])
            self._usual[char] = found
        return found

    def __call__(self, char: str) -> frozenset[str]:
        found = self._cache.get(char)
        if found is None:
            if _is_cjk(char):
                found = frozenset(
                    _blur(reading)
                    for reading in self._pinyin(char, style=self._style, heteronym=True)[0]
                )
            else:
                found = frozenset((char,))
            self._cache[char] = found
        return found


class NearIndex:
    """Homophones (pinyin) and one-character typos (rapidfuzz) of the longer keywords.

    Guards against false hits: a near match needs at least one identical character, a
    two-character keyword only matches a pair that is not itself a dictionary word (国企 is
    not a misspelt 过期), and keywords shorter than ``fuzzy_min`` are never typo-matched.
    """

    def __init__(
        self,
        surfaces: Mapping[str, tuple[Target, ...]],
        *,
        is_word: callable,  # type: ignore[valid-type]
        exact_only: frozenset[str] = frozenset(),
        fuzzy_min: int = 4,
    ) -> None:
        self.readings = Readings()
        self._exact_readings: dict[str, tuple[str, ...]] = {}
        self._is_word = is_word
        self.surfaces = dict(surfaces)
        eligible = [
            surface for surface in surfaces
            if len(surface) >= 2 and all(map(_is_cjk, surface)) and surface not in exact_only
            and not any(target.role in ("veto", "unless") for target in surfaces[surface])
        ]
        # A keyword's characters are read in context (厂 in 食品厂 is chang, never its rare
        # reading an); a character of the text may be read any way it can be.
        self._spoken = {surface: self.readings.of_word(surface) for surface in eligible}
        # Pinyin index keyed by the readings of the first two characters.
        self._by_pair: dict[str, list[str]] = {}
        for surface in eligible:
            first, second = self._spoken[surface][:2]
            self._by_pair.setdefault(f"{first} {second}", []).append(surface)
        # Typo index: long keywords, found through the characters they share with the text.
        self._fuzzy = [surface for surface in eligible if len(surface) >= fuzzy_min]
        self._by_char: dict[str, list[int]] = {}
        for number, surface in enumerate(self._fuzzy):
            for char in set(surface):
                self._by_char.setdefault(char, []).append(number)

    def _sounds_like(self, window: str, surface: str) -> bool:
        # Dialect blur (si for shi) only for long keywords: 是猪肉 must not become 死猪肉.
        blurred = len(surface) >= 4
        spoken = self._spoken[surface] if blurred else self._exact_spoken(surface)
        same = 0
        for have, want, reading in zip(window, surface, spoken, strict=True):
            if have == want:
                same += 1
                continue
            if blurred:
                readings = self.readings(have)
            elif len(surface) > 2:
                readings = self.readings.exact(have)
            else:
                # A two-character word needs the usual reading (个 is ge, not its rare gan).
                readings = self.readings.usual(have)
            if not _is_cjk(have) or reading not in readings:
                return False
        return 0 < same < len(surface) and (len(surface) > 2 or not self._is_word(window))

    def _exact_spoken(self, surface: str) -> tuple[str, ...]:
        found = self._exact_readings.get(surface)
        if found is None:
            found = self._exact_readings[surface] = self.readings.exact_of_word(surface)
        return found

    def pinyin_hits(self, text: str) -> list[Hit]:
        hits: list[Hit] = []
        readings = self.readings
        for index in range(len(text) - 1):
            first, second = text[index], text[index + 1]
            if not (_is_cjk(first) and _is_cjk(second)):
                continue
            candidates: set[str] = set()
            for one in readings(first):
                for two in readings(second):
                    candidates.update(self._by_pair.get(f"{one} {two}", ()))
            for surface in candidates:
                window = text[index: index + len(surface)]
                if len(window) == len(surface) and window != surface and self._sounds_like(
                    window, surface
                ):
                    hits.append(Hit(index, index + len(surface), window, PINYIN,
                                    self.surfaces[surface]))
        return hits

    def _typo(self, window: str, surface: str) -> bool:
        """One inserted, dropped or swapped character; a changed one only in long words."""
        from rapidfuzz.distance import Indel, Levenshtein

        if window == surface or self._is_word(window):
            return False
        if len(window) != len(surface):
            # A character dropped or added inside the word; its ends stay as written.
            return (window[0] == surface[0] and window[-1] == surface[-1]
                    and Indel.distance(window, surface, score_cutoff=1) <= 1)
        if len(surface) >= 5 and Levenshtein.distance(window, surface, score_cutoff=1) <= 1:
            return True
        differ = [index for index in range(len(surface)) if window[index] != surface[index]]
        return (len(differ) == 2 and differ[1] == differ[0] + 1
                and window[differ[0]] == surface[differ[1]]
                and window[differ[1]] == surface[differ[0]])

    def fuzzy_hits(self, text: str) -> list[Hit]:
        shared: dict[int, int] = {}
        for char in set(text):
            for number in self._by_char.get(char, ()):
                shared[number] = shared.get(number, 0) + 1
        hits: list[Hit] = []
        for number, count in shared.items():
            surface = self._fuzzy[number]
            if count < len(set(surface)) - 1 or surface in text:
                continue
            size = len(surface)
            heads = (surface[0], surface[1])
            for length in (size, size - 1, size + 1):
                found = next(
                    (start for start in range(len(text) - length + 1)
                     if text[start] in heads and self._typo(text[start: start + length], surface)),
                    None,
                )
                if found is not None:
                    hits.append(Hit(found, found + length, text[found: found + length], FUZZY,
                                    self.surfaces[surface]))
                    break
        return hits
