"""Near matches: homophones from pinyin input (地勾油 for 地沟油) and one-character typos.

Only the words that decide are near-matched (keywords, and compound words of three or more
characters); context and veto words must be written out. Guards keep chance resemblance
out: see :class:`NearIndex`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from itertools import pairwise

from rapidfuzz.distance import Indel, Levenshtein

from intake.routing.matching import FUZZY, PINYIN, Hit, Target


def _is_cjk(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff" or "\u3400" <= char <= "\u4dbf"


# Sounds that many speakers (and so their pinyin typing) do not tell apart: zh/z, ch/c,
# sh/s, n/l, and the front and back nasals.
_FUZZY_INITIALS = (("zh", "z"), ("ch", "c"), ("sh", "s"), ("l", "n"))
_FUZZY_FINALS = (("ang", "an"), ("eng", "en"), ("ing", "in"))
_NONE: frozenset[str] = frozenset()


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
    """Toneless pinyin readings of characters from the shipped table (knowledge.text).

    Pinyin input produces homophones without regard to tone (过其 for 过期), and dialect
    speakers mix zh/z, n/l, -ng/-n. Three views: every reading of a character, only its
    usual reading, and every reading blurred by dialect.
    """

    def __init__(self, table: Mapping[str, tuple[str, ...]]) -> None:
        # Views are filled per character as text meets them; most of the 20,000 never appear.
        self._table = table
        self._all: dict[str, frozenset[str]] = {}
        self._usual: dict[str, frozenset[str]] = {}
        self._blurred: dict[str, frozenset[str]] = {}

    def all(self, char: str) -> frozenset[str]:
        found = self._all.get(char)
        if found is None:
            found = self._all[char] = frozenset(self._table.get(char, ()))
        return found

    def usual(self, char: str) -> frozenset[str]:
        found = self._usual.get(char)
        if found is None:
            found = self._usual[char] = frozenset(self._table.get(char, ())[:1])
        return found

    def blurred(self, char: str) -> frozenset[str]:
        found = self._blurred.get(char)
        if found is None:
            found = self._blurred[char] = frozenset(map(_blur, self._table.get(char, ())))
        return found

    def blurred_text(self, text: str) -> list[frozenset[str]]:
        """:meth:`blurred` for every character of ``text``, in one pass."""
        cache = self._blurred
        return [cache[char] if char in cache else self.blurred(char) for char in text]

    def of_word(self, word: str) -> tuple[str, ...]:
        """The usual reading of each character of ``word`` ('' where it has none)."""
        return tuple(self._table.get(char, ("",))[0] for char in word)


def _decides(target: Target, size: int) -> bool:
    """Whether a word is worth finding by sound or typo: a keyword that can carry a decision
    (two-character ones only when weighty, since they count half), or a compound word of
    three or more characters (not the guess-only compounds' lists of foods and places)."""
    if target.role == "keyword":
        return size > 2 or target.weight >= 1.0
    return target.role == "group" and size >= 3 and target.weight >= 1.0


class NearIndex:
    """Homophones (pinyin) and one-character typos (rapidfuzz) of the rules' words.

    Guards against false hits: a near match needs at least one identical character; a
    two-character keyword only matches a pair that is not itself a dictionary word (国企 is
    not a misspelt 过期) and only through the usual reading of a character (个 is ge, not
    its rare gan); the dialect blur (si for shi) only applies to words of four or more
    characters; keywords shorter than ``fuzzy_min`` are never typo-matched.
    """

    def __init__(
        self,
        surfaces: Mapping[str, tuple[Target, ...]],
        *,
        table: Mapping[str, tuple[str, ...]],
        is_word: Callable[[str], bool],
        exact_only: frozenset[str] = frozenset(),
        fuzzy_min: int = 4,
    ) -> None:
        self.readings = Readings(table)
        self._is_word = is_word
        # Near matches are for the words that decide (keywords, and compound words of three
        # or more characters); context and veto words must be written out. A word that one
        # rule's keyword and another's veto (油烟: the street's, not a farm's pollution) is
        # near-matched for the keyword's rule only: 油眼 is heard as the street's 油烟.
        self.surfaces = {
            surface: tuple(target for target in targets
                           if target.role not in ("veto", "unless"))
            for surface, targets in surfaces.items()
        }
        eligible = [
            surface for surface in surfaces
            if len(surface) >= 2 and all(map(_is_cjk, surface)) and surface not in exact_only
            and any(_decides(target, len(surface)) for target in surfaces[surface])
            and (not any(target.role in ("veto", "unless") for target in surfaces[surface])
                 or any(target.role == "keyword" for target in surfaces[surface]))
            and all(self.readings.of_word(surface))
        ]
        self._spoken = {surface: self.readings.of_word(surface) for surface in eligible}
        self._spoken_blurred = {surface: tuple(map(_blur, spoken))
                                for surface, spoken in self._spoken.items()}
        # Keyed by the first two characters' usual readings, blurred: a wide net that
        # _sounds_like then narrows to what each word length allows.
        self._by_pair: dict[str, dict[str, list[str]]] = {}
        self._longest = max(map(len, eligible), default=0)
        # For a word of three or more characters, its third character, that character's
        # reading, and the view of the text's character it must be found in: most words a
        # pair brings fail there, and are dropped before their window is cut.
        self._thirds: dict[str, tuple[str, str, Callable[[str], frozenset[str]]]] = {
            surface: (surface[2], self._spoken_blurred[surface][2] if len(surface) >= 4
                      else self._spoken[surface][2],
                      self.readings.blurred if len(surface) >= 4 else self.readings.all)
            for surface in eligible if len(surface) >= 3
        }
        for surface in eligible:
            first, second = self._spoken_blurred[surface][:2]
            self._by_pair.setdefault(first, {}).setdefault(second, []).append(surface)
        # Typo index: one typo (changed, dropped, added or swapped character) in a word of four
        # or more leaves one of its character pairs intact, or a pair of its swapped form.
        self._fuzzy = [surface for surface in eligible if len(surface) >= fuzzy_min]
        self._letters = {surface: frozenset(surface) for surface in self._fuzzy}
        self._by_bigram: dict[str, set[tuple[int, int]]] = {}
        for number, surface in enumerate(self._fuzzy):
            for form in _with_swaps(surface):
                for offset in range(len(form) - 1):
                    pair = form[offset: offset + 2]
                    self._by_bigram.setdefault(pair, set()).add((number, offset))

    def _sounds_like(self, window: str, surface: str) -> bool:
        size = len(surface)
        if size >= 4:
            view = self.readings.blurred
            spoken = self._spoken_blurred[surface]
        else:
            view = self.readings.all if size > 2 else self.readings.usual
            spoken = self._spoken[surface]
        same = 0
        for have, want, reading in zip(window, surface, spoken, strict=True):
            if have == want:
                same += 1
            elif reading not in view(have):
                return False
        return 0 < same < size and (size > 2 or not self._is_word(window))

    def pinyin_hits(self, text: str, exact: Iterable[Hit] = ()) -> list[Hit]:
        """Windows of ``text`` that sound like a keyword without being written like it.

        Where an exact word of two or more characters starts, a homophone of the same length
        or shorter would lose to it anyway, so those windows are not tried.
        """
        hits: list[Hit] = []
        longest = self._longest
        # The length of the longest exact word over each character (0: none).
        written = [0] * len(text)
        for hit in exact:
            size = hit.end - hit.start
            for index in range(hit.start, hit.end):
                if written[index] < size:
                    written[index] = size
        by_pair, thirds, length = self._by_pair, self._thirds, len(text)
        heard = self.readings.blurred_text(text)
        for index, (firsts, seconds) in enumerate(pairwise(heard)):
            if not firsts or not seconds:
                continue
            cover = written[index]
            if cover >= longest:
                continue
            for one in firsts:
                following = by_pair.get(one)
                if following is None:
                    continue
                for two in seconds:
                    for surface in following.get(two, ()):
                        size = len(surface)
                        if cover >= size or index + size > length:
                            continue
                        if size > 2:
                            third, reading, view = thirds[surface]
                            have = text[index + 2]
                            if have != third and reading not in view(have):
                                continue
                        window = text[index: index + size]
                        if window != surface and self._sounds_like(window, surface):
                            hits.append(Hit(index, index + size, window, PINYIN,
                                            self.surfaces[surface]))
        return hits

    def _typo(self, window: str, surface: str) -> bool:
        """One inserted, dropped or swapped character; a changed one only in long words."""
        if window == surface:
            return False
        if len(window) != len(surface):
            # A character dropped or added inside the word; its ends stay as written.
            if not (window[0] == surface[0] and window[-1] == surface[-1]
                    and Indel.distance(window, surface, score_cutoff=1) <= 1):
                return False
        elif not (len(surface) >= 5
                  and Levenshtein.distance(window, surface, score_cutoff=1) <= 1):
            differ = [index for index in range(len(surface)) if window[index] != surface[index]]
            if not (len(differ) == 2 and differ[1] == differ[0] + 1
                    and window[differ[0]] == surface[differ[1]]
                    and window[differ[1]] == surface[differ[0]]):
                return False
        return not self._is_word(window)

    def fuzzy_hits(self, text: str, exact: Iterable[Hit] = ()) -> list[Hit]:
        """Windows of ``text`` one typo away from a long keyword.

        A pair of characters inside a word already found exactly is not a typo's anchor
        (the 学校 of 学校食堂 written right); the pairs across and between words are.
        """
        known = {index for hit in exact if hit.end - hit.start >= 2
                 for index in range(hit.start, hit.end - 1)}
        by_bigram = self._by_bigram
        anchors: dict[int, set[int]] = {}
        for index in range(len(text) - 1):
            if index in known:
                continue
            for number, offset in by_bigram.get(text[index: index + 2], ()):
                anchors.setdefault(number, set()).add(index - offset)
        hits: list[Hit] = []
        in_text = frozenset(text)
        for number, starts in anchors.items():
            surface = self._fuzzy[number]
            letters = self._letters[surface]
            # One typo leaves all but one of the word's characters in the text.
            if len(letters & in_text) < len(letters) - 1 or surface in text:
                continue
            hit = self._typo_in(text, surface, starts)
            if hit is not None:
                hits.append(hit)
        return hits

    def _typo_in(self, text: str, surface: str, starts: set[int]) -> Hit | None:
        """A typo window near where the word's intact pair put its start."""
        letters = self._letters[surface]
        size = len(surface)
        tries = sorted({(start + shift, length) for start in starts
                        for shift, length in ((0, size), (0, size - 1), (1, size - 1),
                                              (0, size + 1), (-1, size + 1))})
        for start, length in tries:
            if start < 0 or start + length > len(text):
                continue
            window = text[start: start + length]
            if len(letters.intersection(window)) < len(letters) - 1:
                continue
            if self._typo(window, surface):
                return Hit(start, start + length, window, FUZZY, self.surfaces[surface])
        return None


def _with_swaps(word: str) -> list[str]:
    """``word`` and each form of it with two neighbouring characters swapped."""
    forms = [word]
    for index in range(len(word) - 1):
        forms.append(word[:index] + word[index + 1] + word[index] + word[index + 2:])
    return forms
