"""The retrieval vocabulary: synonym groups, filler words and food-safety scope terms.

All of it is data (``knowledge/lexicon/faq_synonyms*.yaml`` and ``scope.yaml`` beside this
module), so the base is improved by editing words, never by special-casing a question.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from knowledge.text import LEXICON_DIR, normalize, tokenizer

SCOPE_FILE = Path(__file__).resolve().parent / "scope.yaml"


@dataclass(frozen=True)
class Vocabulary:
    """Synonyms mapped to one canonical term, filler words, and the food-safety scope terms."""

    canonical: dict[str, str]
    stopwords: frozenset[str]
    scope_terms: frozenset[str]
    off_topic_terms: frozenset[str]
    other_intent_terms: frozenset[str] = frozenset()
    concern_terms: frozenset[str] = frozenset()
    audiences: frozenset[str] = frozenset()
    hazards: frozenset[str] = frozenset()
    facets: tuple[frozenset[str], ...] = ()
    side_words: tuple[tuple[str, str], ...] = ()
    strong_scope_terms: frozenset[str] = frozenset()
    other_intent_forms: tuple[str, ...] = ()
    service_terms: frozenset[str] = frozenset()
    other_complaint_terms: frozenset[str] = frozenset()
    strong_off_topic_terms: frozenset[str] = frozenset()
    weak_concern_terms: frozenset[str] = frozenset()
    conditions: tuple[frozenset[str], ...] = ()
    requests: frozenset[str] = frozenset()
    incidents: frozenset[str] = frozenset()
    telling_requests: frozenset[str] = frozenset()
    service_grievances: tuple[str, ...] = ()
    question_forms: tuple[str, ...] = ()
    english_question_forms: tuple[str, ...] = ()
    told_acts_en: tuple[str, ...] = ()
    told_forms_en: tuple[str, ...] = ()
    found_in_food: tuple[str, ...] = ()
    found_asks: tuple[str, ...] = ()
    found_request: str = ""
    done_acts: tuple[str, ...] = ()
    diet_forms: tuple[str, ...] = ()
    found_verbs: frozenset[str] = frozenset()
    found_verbs_as: str = ""
    split_words: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "_synonym_re", _alternation(self.canonical))
        object.__setattr__(self, "_scope_re", _alternation(self.scope_terms))
        object.__setattr__(self, "_off_topic_re",
                           _alternation(self.off_topic_terms | self.strong_off_topic_terms))
        object.__setattr__(self, "_other_intent_re", _alternation(self.other_intent_terms))
        object.__setattr__(self, "_concern_re",
                           _alternation(self.concern_terms | self.strong_scope_terms))
        object.__setattr__(self, "_weak_concern_re", _alternation(self.weak_concern_terms))
        object.__setattr__(self, "_incident_re", _alternation(self.incidents))
        object.__setattr__(self, "_condition_re", _alternation(set().union(*self.conditions)))
        object.__setattr__(self, "_other_form_re", _any_form(self.other_intent_forms))
        object.__setattr__(self, "_diet_form_re", _any_form(self.diet_forms))
        object.__setattr__(self, "_grievance_re", _any_form(self.service_grievances))
        object.__setattr__(self, "_service_re", _alternation(self.service_terms))
        object.__setattr__(self, "_asking_re", _any_form(self.question_forms))
        object.__setattr__(self, "_asking_en_re", _any_form(self.english_question_forms))
        object.__setattr__(self, "_told_en_re", _alternation(self.told_acts_en))
        object.__setattr__(self, "_told_forms_en_re", _any_form(self.told_forms_en))
        object.__setattr__(self, "_found_re", _any_form(self.found_in_food))
        object.__setattr__(self, "_found_asks_re", _any_form(self.found_asks))
        object.__setattr__(self, "_split_res", tuple(re.compile(form) for form in self.split_words))
        # one pattern a form: each names its act by the same group name
        object.__setattr__(self, "_done_res", tuple(re.compile(form) for form in self.done_acts))

    def tells_incident(self, text: str) -> bool:
        """Whether normalised ``text`` tells of something that happened to a food (发霉了, 吃出,
        拉肚子) rather than asking what a food does (发霉的面包还能吃吗)."""
        pattern: re.Pattern[str] | None = getattr(self, "_incident_re")  # noqa: B009
        found: re.Pattern[str] | None = getattr(self, "_found_re")  # noqa: B009
        return ((pattern is not None and pattern.search(text) is not None)
                or (found is not None and found.search(text) is not None))

    def found_spans(self, text: str) -> list[str]:
        """The stretches of normalised ``text`` that tell what was found in a food (吃出苍蝇)."""
        found: re.Pattern[str] | None = getattr(self, "_found_re")  # noqa: B009
        return [m.group(0) for m in found.finditer(text)] if found is not None else []

    def implied_request(self, text: str) -> str | None:
        """The words of the act a question asks for without naming it: something found in a food
        it bought or was served (吃出苍蝇), asked about only as what to do (我在面馆吃出苍蝇怎么办),
        asks for the complaint (`found_request`, 怎么投诉). ``text`` is normalised; spaces are
        ignored for the find."""
        found: re.Pattern[str] | None = getattr(self, "_found_re")  # noqa: B009
        asks: re.Pattern[str] | None = getattr(self, "_found_asks_re")  # noqa: B009
        if not self.found_request or found is None or asks is None:
            return None
        if found.search(text.replace(" ", "")) is None or asks.search(text.strip()) is None:
            return None
        return self.found_request

    def joined(self, text: str) -> str:
        """Normalised ``text`` with a word split by how long or how often (拉了一晚上肚子,
        拉了三次肚子) read whole, what split it after (拉肚子一晚上): `split_words`, whose groups
        head, middle and tail are read as head, tail, middle."""
        def whole(match: re.Match[str]) -> str:
            return match.group("head") + match.group("tail") + match.group("middle")

        split: tuple[re.Pattern[str], ...] = getattr(self, "_split_res")  # noqa: B009
        for pattern in split:
            text = pattern.sub(whole, text)
        return text

    def found_told_as(self, text: str) -> str:
        """Normalised ``text`` with the verb telling something found in a food (发现, 挑出) read as
        `found_verbs_as` (吃出), the word the entries tell it by."""
        found: re.Pattern[str] | None = getattr(self, "_found_re")  # noqa: B009
        if found is None or not self.found_verbs_as or "verb" not in found.groupindex:
            return text

        def told(match: re.Match[str]) -> str:
            verb = match.group("verb")
            if verb not in self.found_verbs:
                return match.group(0)
            return self.found_verbs_as + match.group(0)[len(verb):]

        return found.sub(told, text)

    def without_found_ask(self, text: str) -> str:
        """Normalised ``text`` without the words that ask what to do (怎么处理, 咋整 at the
        end): read as the complaint they imply, 处理 is no word of the matter (处理结果)."""
        asks: re.Pattern[str] | None = getattr(self, "_found_asks_re")  # noqa: B009
        return asks.sub(" ", text.strip()) if asks is not None else text

    def done_requests(self, text: str) -> frozenset[str]:
        """The acts (投诉, 举报) normalised ``text`` tells as already done (举报了, 投诉过,
        已经投诉, I reported): the setting of what it asks (how long, who knows), not a request."""
        patterns: tuple[re.Pattern[str], ...] = getattr(self, "_done_res")  # noqa: B009
        return frozenset(self.canonical.get(m.group("act"), m.group("act"))
                         for pattern in patterns for m in pattern.finditer(text))

    def without_done(self, text: str) -> str:
        """Normalised ``text`` with what tells an act as done blanked out."""
        patterns: tuple[re.Pattern[str], ...] = getattr(self, "_done_res")  # noqa: B009
        for pattern in patterns:
            text = pattern.sub(" ", text)
        return text

    def asks(self, clause: str) -> bool:
        """Whether a clause of normalised text asks something (吗, 怎么, 哪, 多久, 能不能…) rather
        than tells."""
        pattern: re.Pattern[str] | None = getattr(self, "_asking_re")  # noqa: B009
        return pattern is not None and pattern.search(clause) is not None

    def asks_in_english(self, text: str) -> bool:
        """Whether normalised English ``text`` asks (a question mark, a wh-word, an auxiliary
        first or beside its subject) rather than tells (the milk tea tasted weird)."""
        pattern: re.Pattern[str] | None = getattr(self, "_asking_en_re")  # noqa: B009
        return pattern is None or pattern.search(text) is not None

    def tells_in_english(self, text: str) -> bool:
        """Whether normalised English ``text`` tells a matter: told in the past tense
        (`told_forms_en`: bought, ate, tasted, was), it asks nothing and, beside what
        tells that something was bought, eaten or served (`told_acts_en`), voices no safety
        concern (the milk tea tasted weird, we ate hotpot last night)."""
        forms: re.Pattern[str] | None = getattr(self, "_told_forms_en_re")  # noqa: B009
        if forms is None or forms.search(text) is None or self.asks_in_english(text):
            return False
        told: re.Pattern[str] | None = getattr(self, "_told_en_re")  # noqa: B009
        rest = told.sub(" ", text) if told is not None else text
        return not self.voices_concern(rest, weak=False)

    def synonyms_in(self, text: str) -> list[str]:
        """The canonical term of every synonym occurring in normalised ``text``."""
        pattern: re.Pattern[str] | None = getattr(self, "_synonym_re")  # noqa: B009
        if pattern is None:
            return []
        return [self.canonical[m.group(0)] for m in pattern.finditer(text)]

    def scope_hits(self, text: str) -> int:
        """How many food-safety terms occur in normalised ``text``, not counting those inside
        a longer term of another subject (糖 in 糖尿病, 炸 in 空气炸锅); the strong ones (投诉,
        农药: the service and its core subjects) count twice."""
        pattern: re.Pattern[str] | None = getattr(self, "_scope_re")  # noqa: B009
        if pattern is None:
            return 0
        other: re.Pattern[str] | None = getattr(self, "_off_topic_re")  # noqa: B009
        spans = [m.span() for m in other.finditer(text)] if other is not None else []
        # Terms inside one jieba word are one food (鸡蛋 holds 鸡 and 蛋, 酱油 酱 and 油), counted
        # once with the weight of its strongest term; 喝酒 or 吃外卖 are two words, two terms.
        word_of = [0] * (len(text) + 1)
        position = 0
        for number, token in enumerate(tokenizer().lcut(text)):
            word_of[position:position + len(token)] = [number] * len(token)
            position += len(token)
        weights: dict[int, int] = {}
        for m in pattern.finditer(text):
            if any(start <= m.start() and m.end() <= end
                   and end - start > m.end() - m.start() for start, end in spans):
                continue
            word = word_of[m.start()]
            weights[word] = max(weights.get(word, 0),
                                2 if m.group(0) in self.strong_scope_terms else 1)
        return sum(weights.values())

    def complains_of_another_subject(self, text: str) -> bool:
        """Whether normalised ``text`` complains of something other bodies handle (医院乱收费怎么
        投诉, 房东不退押金能打12315吗): the service's own words (投诉, 举报, 12315) are its only
        food-safety terms, beside a subject of other complaints. The means (电脑上怎么填投诉单)
        or the place (在外地旅游) of a complaint of ours is no such subject."""
        subjects = [term for term in self.other_complaint_terms if term in text]
        service: re.Pattern[str] | None = getattr(self, "_service_re")  # noqa: B009
        if not subjects or service is None or not service.search(text):
            return False
        # a food word inside another body's subject is none (饭 in 电饭煲, 冰箱 as an appliance)
        pattern: re.Pattern[str] | None = getattr(self, "_scope_re")  # noqa: B009
        found = [m.group(0) for m in pattern.finditer(text)
                 if not any(m.group(0) in subject for subject in subjects)] if pattern else []
        return all(term in self.service_terms for term in found)

    def off_topic_hits(self, text: str) -> int:
        """How many terms of clearly unrelated subjects occur in normalised ``text``, not
        counting those inside a food-safety term (药 in 农药 or 兽药 is no medicine); the strong
        ones (猫, 宠物: someone else eats) count as many as any number of food terms."""
        pattern: re.Pattern[str] | None = getattr(self, "_off_topic_re")  # noqa: B009
        if pattern is None:
            return 0
        scope: re.Pattern[str] | None = getattr(self, "_scope_re")  # noqa: B009
        spans = [m.span() for m in scope.finditer(text)] if scope is not None else []
        found = [m.group(0) for m in pattern.finditer(text)
                 if not any(start <= m.start() and m.end() <= end for start, end in spans)]
        if any(term in self.strong_off_topic_terms for term in found):
            return len(text)  # more than the food terms a text can hold
        return len(found)

    def named_in(self, features: Iterable[str]) -> frozenset[str]:
        """The audiences (儿童, 老人, 孕妇), facet terms (投诉, 举报) and requests (赔偿,
        第一时间) — canonical synonym terms — among ``features``."""
        found = set(features)
        terms = self.audiences.union(self.hazards, self.requests, *self.facets)
        return frozenset(t for t in terms if "s:" + t in found)

    def sides_told(self, features: Iterable[str], asked: frozenset[str]) -> frozenset[str]:
        """``asked`` with the facet sides that ``features`` name by another word (`side_words`:
        an insider, 内部员工, tells on the employer by a tip, 举报), for each facet of which the
        question names no side itself."""
        found = set(features)
        told = {side for word, side in self.side_words if "s:" + word in found
                and not any(side in facet and asked & facet for facet in self.facets)}
        return asked | told if told else asked

    def mismatch(self, entry_named: frozenset[str], asked: frozenset[str]) -> int:
        """How far an entry is from a question by whom and what it is about: 0 not at all,
        1 the entry is for an audience the question does not name, 2 the two name different
        terms of one facet (老公 against an entry for children, 投诉 against 举报)."""
        for facet in (self.audiences, self.hazards, *self.facets):
            entry_terms, asked_terms = entry_named & facet, asked & facet
            if entry_terms and asked_terms and not entry_terms & asked_terms:
                return 2
        # an entry about one hazard (亚硝酸盐, 野生菌) answers a told poisoning naming none second
        return 1 if any(entry_named & terms and not asked & terms
                        for terms in (self.audiences, self.hazards)) else 0

    def voices_concern(self, text: str, *, weak: bool = True) -> bool:
        """Whether normalised ``text`` names a safety or service concern (安全, 变质, 投诉…);
        with ``weak=False`` only a hazard or the service counts, not a generic question form
        (能吃吗, 一天, 合适: 糖尿病人能吃西瓜吗 and 健身的人一天吃几个鸡蛋 voice no hazard)."""
        # 多少 asks a quantity: its 少 is no 少盐 or 少糖 (放多少糖 voices no wish to cut sugar).
        text = text.replace("多少", "几")
        if self.tells_incident(text):  # 吃出苍蝇, 发霉了: something went wrong with a food
            return True
        concern: re.Pattern[str] | None = getattr(self, "_concern_re")  # noqa: B009
        if concern is not None and concern.search(text) is not None:
            return True
        weak_re: re.Pattern[str] | None = getattr(self, "_weak_concern_re")  # noqa: B009
        return weak and weak_re is not None and weak_re.search(text) is not None

    def conditions_in(self, text: str) -> list[frozenset[str]]:
        """The illnesses, treatments and states of the body or life stage named in normalised
        ``text`` (糖尿病, 痛风, 术后, 坐月子, 健身, 来月经), each as its group of words (高血压
        with 血压高): asking what such a person may eat is diet advice for a condition, not food
        safety, unless an entry speaks of it."""
        pattern: re.Pattern[str] | None = getattr(self, "_condition_re")  # noqa: B009
        if pattern is None:
            return []
        found = set(pattern.findall(text))
        return [group for group in self.conditions if group & found]

    def asks_other_than_safety(self, text: str) -> bool:
        """Whether normalised ``text`` names food only to ask how it tastes, is cooked for
        flavour, costs or where to buy it (红烧肉怎么做好吃, 西瓜多少钱一斤), by a word or by
        the form of the question (饺子皮怎么擀才圆), with no word of a safety or service concern
        (the service and its core subjects, 投诉 or 农药, are such words too, and so are the
        generic forms: the diet entries answer 减肥能不吃主食吗 and 孕期吃什么营养)."""
        other: re.Pattern[str] | None = getattr(self, "_other_intent_re")  # noqa: B009
        form: re.Pattern[str] | None = getattr(self, "_other_form_re")  # noqa: B009
        grievance: re.Pattern[str] | None = getattr(self, "_grievance_re")  # noqa: B009
        if grievance is not None and grievance.search(text):
            # 骑手态度差 能投诉吗: the service's own words voice no safety concern here
            service: re.Pattern[str] | None = getattr(self, "_service_re")  # noqa: B009
            plain = service.sub(" ", text) if service is not None else text
            return not self.voices_concern(plain)
        # a food's calories (芒果热量高吗, 哪种热量低): the generic forms (能吃吗) and 热量
        # itself are no concern there, only a hazard is
        diet: re.Pattern[str] | None = getattr(self, "_diet_form_re")  # noqa: B009
        if diet is not None and diet.search(text) and not self.voices_concern(text, weak=False):
            return True
        if not ((other is not None and other.search(text))
                or (form is not None and form.search(text))):
            return False
        return not self.voices_concern(text)

def _alternation(terms: object) -> re.Pattern[str] | None:
    words = sorted({str(t) for t in terms}, key=lambda t: (-len(t), t))  # type: ignore[attr-defined]
    if not words:
        return None
    # Latin words and numbers match whole words only: "eat" must not be found inside "weather",
    # but 12315 is found in 12315热线 (a Chinese character beside it is no letter).
    return re.compile("|".join(
        rf"(?<![a-z0-9]){re.escape(word)}(?![a-z0-9])" if word.isascii() else re.escape(word)
        for word in words
    ))


def _any_form(forms: Iterable[str]) -> re.Pattern[str] | None:
    """One pattern for any of the regular-expression ``forms`` (`scope.yaml`); None for none."""
    joined = "|".join(f"(?:{form})" for form in forms)
    return re.compile(joined) if joined else None


def synonym_files() -> list[Path]:
    """The synonym files, in a stable order."""
    return sorted(LEXICON_DIR.glob("faq_synonyms*.yaml"))


def _read_yaml(path: Path) -> dict[str, object]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if not isinstance(data, dict):
        raise ValueError(f"{path.name} must be a mapping")
    return data


def _words(value: object) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise ValueError("expected a list of words")
    return [normalize(str(word)) for word in value if str(word).strip()]


def _word_lists(value: object, what: str) -> list[object]:
    if not value:
        return []
    if not isinstance(value, list):
        raise ValueError(f"{what} must be a list of word lists")
    return value


def _word_groups(scope: dict[str, object], key: str) -> tuple[frozenset[str], ...]:
    return tuple(frozenset(_words(group)) for group in _word_lists(scope.get(key), key))


def _forms(value: object) -> list[str]:
    """Regular expressions over normalised text (so written in simplified characters and
    half-width punctuation, and not normalised themselves: that would lower-case ``\\S``),
    each compiled here so that a bad one names itself."""
    if value is None:
        return []
    if not isinstance(value, list):
        raise ValueError("expected a list of question forms")
    forms = [str(form).strip() for form in value if str(form).strip()]
    for form in forms:
        try:
            re.compile(form)
        except re.error as error:
            raise ValueError(f"bad question form {form!r}: {error}") from None
    return forms


def load_vocabulary(
    synonym_paths: list[Path] | None = None, scope_path: Path = SCOPE_FILE
) -> Vocabulary:
    """Read every synonym file and the scope file; the first term of a group is canonical."""
    canonical: dict[str, str] = {}
    stopwords: set[str] = set()
    for path in synonym_files() if synonym_paths is None else synonym_paths:
        data = _read_yaml(path)
        stopwords.update(_words(data.get("stopwords")))
        for group in _word_lists(data.get("groups"), f"{path.name}: groups"):
            words = _words(group)
            if len(words) < 2:
                continue
            head = canonical.get(words[0], words[0])
            for word in words:
                canonical.setdefault(word, head)
    scope = _read_yaml(scope_path) if scope_path.exists() else {}
    strong = _words(scope.get("food_safety_strong"))
    return Vocabulary(
        canonical=canonical,
        stopwords=frozenset(stopwords),
        scope_terms=frozenset(_words(scope.get("food_safety")) + strong),
        strong_scope_terms=frozenset(strong),
        off_topic_terms=frozenset(_words(scope.get("off_topic"))),
        strong_off_topic_terms=frozenset(_words(scope.get("off_topic_strong"))),
        other_intent_terms=frozenset(_words(scope.get("food_other_intent"))),
        concern_terms=frozenset(_words(scope.get("safety_concern"))),
        audiences=frozenset(_words(scope.get("audiences"))),
        hazards=frozenset(_words(scope.get("hazards"))),
        facets=_word_groups(scope, "facets"),
        side_words=tuple((group[0], group[1]) for group in map(
            _words, _word_lists(scope.get("side_words"), "side_words")) if len(group) == 2),
        other_intent_forms=tuple(_forms(scope.get("food_other_intent_forms"))),
        service_terms=frozenset(_words(scope.get("service_terms"))),
        other_complaint_terms=frozenset(_words(scope.get("other_complaints"))),
        weak_concern_terms=frozenset(_words(scope.get("safety_concern_weak"))),
        conditions=_word_groups(scope, "conditions"),
        requests=frozenset(_words(scope.get("requests"))),
        incidents=frozenset(_words(scope.get("incidents"))),
        telling_requests=frozenset(_words(scope.get("telling_requests"))),
        service_grievances=tuple(_forms(scope.get("service_grievances"))),
        question_forms=tuple(_forms(scope.get("question_forms"))),
        english_question_forms=tuple(_forms(scope.get("english_question_forms"))),
        told_acts_en=tuple(_words(scope.get("told_acts_en"))),
        told_forms_en=tuple(_forms(scope.get("told_forms_en"))),
        found_in_food=tuple(_forms(scope.get("found_in_food"))),
        found_asks=tuple(_forms(scope.get("found_asks"))),
        found_request=normalize(str(scope.get("found_request") or "")),
        done_acts=tuple(_forms(scope.get("done_acts"))),
        diet_forms=tuple(_forms(scope.get("diet_forms"))),
        found_verbs=frozenset(_words(scope.get("found_verbs"))),
        found_verbs_as=normalize(str(scope.get("found_verbs_as") or "")),
        split_words=tuple(_forms(scope.get("split_words"))),
    )


@cache
def default_vocabulary() -> Vocabulary:
    """The vocabulary shipped with the package, read once per process."""
    return load_vocabulary()
