"""Finding the rules' words as written in normalised text, and which occurrences count.

Each surface form (a rule word or one of its synonyms) is indexed by its first two
characters so that one pass over the text finds every occurrence, overlapping ones
included, in a few microseconds. Homophones and typos live in :mod:`intake.routing.near`,
negation in :mod:`intake.routing.negation`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
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
    role: str  # "keyword", "strengthen", "veto", "unless" or "group"
    weight: float
    group: int = -1  # which all_of group, for role "group"


@dataclass(frozen=True, slots=True)
class Hit:
    """One occurrence of a surface form in the normalised text (slotted: a message makes a
    dozen or more, built and read faster without an instance dict)."""

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
            yield word, Target(rule.id, word, "group", rule.all_of_weight, index)


class ExactIndex:
    """Every surface form of every rule, found by one scan of the text."""

    def __init__(self, surfaces: Mapping[str, tuple[Target, ...]]) -> None:
        self.surfaces = dict(surfaces)
        singles: set[str] = set()
        by_pair: dict[str, list[str]] = {}
        for surface in self.surfaces:
            if len(surface) == 1:
                singles.add(surface)
            else:
                by_pair.setdefault(surface[:2], []).append(surface)
        self._singles = frozenset(singles)
        # English words match whole words only: "hair" is not in "chair" (a plural "s" may follow).
        self._latin = frozenset(word for word in self.surfaces if word[0].isascii()
                                and word[0].isalpha())
        self._by_pair = {
            pair: tuple(sorted(words, key=len, reverse=True)) for pair, words in by_pair.items()
        }

    def find(self, text: str) -> list[Hit]:
        """Every occurrence, overlapping ones included, in text order."""
        hits: list[Hit] = []
        by_pair, singles, surfaces = self._by_pair, self._singles, self.surfaces
        latin = self._latin
        for index, char in enumerate(text):
            if char in singles:
                hits.append(Hit(index, index + 1, char, EXACT, surfaces[char]))
            words = by_pair.get(text[index: index + 2])
            if words is None:
                continue
            for word in words:
                if (len(word) == 2 or text.startswith(word, index)) and (
                    word not in latin or _standalone(text, index, index + len(word))
                ):
                    hits.append(Hit(index, index + len(word), word, EXACT, surfaces[word]))
        return hits


def _standalone(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else " "
    if before.isascii() and before.isalpha():
        return False
    after = text[end] if end < len(text) else " "
    if not (after.isascii() and after.isalpha()):
        return True
    return _inflected(text, start, end)


def _is_letter(char: str) -> bool:
    return char.isascii() and char.isalpha()


def _inflected(text: str, start: int, end: int) -> bool:
    """The word with an English ending and then nothing more: a plural or third person
    ("seminars", "tires", "pollutes"), and in a word of four or more letters a past or a
    participle ("poisoned", "sneezed", "scammed", "spraying"); shorter words (rat, pig)
    would read into rating, pigment."""
    word = text[start:end]
    endings = ["s", "es"]
    if len(word) >= 4:
        last = word[-1]
        endings += ["d"] if last == "e" else ["ed", "ing", last + "ed", last + "ing"]
    for ending in endings:
        if text.startswith(ending, end) and not (
            end + len(ending) < len(text) and _is_letter(text[end + len(ending)])
        ):
            return True
    return False


def build_surfaces(
    ruleset: RuleSet, synonyms: Mapping[str, tuple[str, ...]], normalize: Callable[[str], str]
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
    hits = exact + [hit for hit in hits if hit.kind != EXACT and not _explained(hit, exact)]
    # The longest word wins where it is a keyword (装过农药 is not a farm's 农药, 食堂 inside
    # 学校食堂 is not a university canteen) or a word of the same rule (饲料 inside 饲料厂 is
    # not a second word about feed). A context word does not hide another rule's word: the
    # 饭 of 饭里 still tells the school rule it is about a meal.
    kept = []
    for hit in hits:
        outers = [other for other in hits
                  if other.start <= hit.start and hit.end <= other.end
                  and other.end - other.start > hit.end - hit.start]
        if not any(_hides(other, hit) for other in outers):
            kept.append(hit)
            continue
        if not any(target.role == "keyword" for other in outers for target in other.targets):
            # Hidden only by longer words of its own rules: another rule's keyword stays (馊的,
            # a word of the food-with-a-problem compound, leaves food-hazards its 馊). Context
            # and compound words of other rules stay hidden: 水果 in 水果店 is no school meal.
            shared = {target.rule_id for other in outers for target in other.targets}
            targets = tuple(target for target in hit.targets
                            if target.rule_id not in shared and target.role == "keyword")
            if targets:
                kept.append(Hit(hit.start, hit.end, hit.surface, hit.kind, targets))
            continue
        # A rule's keyword does not take a word from that rule's own compound: 污水 still
        # gives the pollution compound its 污, 骗子 the scam compound its 骗.
        own = {target.rule_id for other in outers for target in other.targets
               if target.role == "keyword"}
        targets = tuple(target for target in hit.targets
                        if target.role == "group" and target.rule_id in own)
        if targets:
            kept.append(Hit(hit.start, hit.end, hit.surface, hit.kind, targets))
    return kept


def _hides(outer: Hit, inner: Hit) -> bool:
    """Whether a longer hit that contains ``inner`` takes its place."""
    if any(target.role == "keyword" for target in outer.targets):
        return True
    return bool({t.rule_id for t in outer.targets} & {t.rule_id for t in inner.targets})


def _explained(hit: Hit, exact: list[Hit]) -> bool:
    """Whether an exact word at least as long overlaps a near hit."""
    size = hit.end - hit.start
    return any(other.start < hit.end and hit.start < other.end
               and other.end - other.start >= size for other in exact)
