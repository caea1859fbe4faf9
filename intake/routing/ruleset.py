"""Routing rules loaded from reviewable YAML files, validated before the router uses them.

One file per responsibility of the plan (``intake/routing/rules/*.yaml``) so a reviewer can
change the vocabulary of a responsibility without touching code. Files whose names start with
``_`` hold shared language (negation cues) rather than a rule. A broken file is refused with
:class:`RuleFileError`, naming the file and the field, so a bad edit never reaches a citizen.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from intake.bureaus import BUREAUS
from knowledge.text import UnknownWordClass, word_class

RULES_DIR = Path(__file__).resolve().parent / "rules"
LANGUAGE_FILE = "_language.yaml"

# routing.md's precedence, first match wins: step number -> what the step covers.
PRECEDENCE_STEPS: dict[int, str] = {
    1: "violence, retaliation, poisoning, fraud, criminal dens -> police",
    2: "primary/secondary school or kindergarten meals -> edu",
    3: "village banquets -> township",
    4: "farming inputs, on-farm residues, slaughter, aquaculture drugs -> agri",
    5: "grain purchase, drying, storage -> grain",
    6: "soil, water or air pollution harming food -> eco",
    7: "oil fumes, road-occupying stalls, kitchen waste dumping -> cle",
    8: "foodborne-disease reporting, standards, nutrition -> health",
    9: "cold-chain logistics, meat and vegetable traceability -> commerce",
    10: "any other food business, product or label -> samr",
    11: "nothing above, not about food safety, too vague -> fso",
}

_RULE_FIELDS = {
    "id", "title", "name", "name_en", "clause", "step", "lead", "co", "keywords", "all_of",
    "all_of_weight", "strengthen", "veto", "threshold", "exact_only", "defers", "all_of_unless",
    "review", "negations", "all_of_within", "only_where_sold", "on_sale_lead",
    "yields_to", "veto_except", "co_where_sold", "source_not_sale", "gives_way_to",
    "not_at_home",
}
_REQUIRED = ("title", "clause", "step", "lead")


class RuleFileError(ValueError):
    """A rule file that cannot be used, with the file and the problem in the message."""

    def __init__(self, path: Path | str, problem: str) -> None:
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{Path(path).name}: {problem}")


@dataclass(frozen=True)
class Rule:
    """One responsibility of the plan: the words that reveal it and who handles it."""

    id: str
    title: str
    clause: str
    step: int
    lead: str
    co: tuple[str, ...]
    keywords: Mapping[str, float]
    # Each group must match for the compound to count (e.g. a school word AND a meal word).
    all_of: tuple[tuple[str, ...], ...] = ()
    all_of_weight: float = 1.0
    # Words that cancel only the compound match ("学校门口" + "早餐" is a shop, not a canteen).
    all_of_unless: tuple[str, ...] = ()
    # At most this many characters between the groups' words (0: anywhere in the text):
    # "面包里有头发" is one complaint, "吃了个面包，去剪头发" two unrelated things.
    all_of_within: int = 0
    strengthen: Mapping[str, float] = field(default_factory=dict)
    veto: tuple[str, ...] = ()
    threshold: float = 1.0
    # Words that must match exactly even if long enough for fuzzy matching.
    exact_only: tuple[str, ...] = ()
    # A deferring rule leads only when no other rule fires; otherwise its bureau cooperates
    # (routing.md: people ill after eating at a named business -> samr leads, health helps).
    defers: bool = False
    # A rule that only guesses: when it alone speaks for the lead, a person must review.
    review: bool = False
    # Cues that cancel this rule's words only ("怕被报复" fears retaliation, it reports none).
    negations: tuple[str, ...] = ()
    # When another bureau leads, this rule makes its bureau a cooperating one only where the
    # text names a place that sells food (the language file's ``businesses``): mould on a
    # depot's grain or a sick pig on a farm is the leading bureau's; at a restaurant or a
    # market, the market regulator helps.
    only_where_sold: bool = False
    # The seller's bureau: where the text tells the food as found on sale (the language
    # file's ``points_of_sale``) and names no place it came from (``origins``), this bureau
    # leads and the rule's own cooperates. Residues in fish bought at a market are the
    # market regulator's, with agriculture helping; the same sprayed at a farm are agri's.
    on_sale_lead: str | None = None
    # Rules (by id) that, when they fire and the text names an industrial polluter (the
    # language file's ``polluters``), make this one's bureau only cooperate: a dead chicken
    # is a farm matter, but chickens killed by a factory's fumes are the polluter's
    # (routing.md step 6), agriculture helping; a farm dumping its dead ducks is still agri's.
    yields_to: tuple[str, ...] = ()
    # Words that, written just after a veto word (within VETO_EXCEPT_WINDOW characters),
    # make it name something else: 饭店的厨师 at a village banquet is where the cook comes
    # from, not where the banquet is held.
    veto_except: tuple[str, ...] = ()
    # Bureaus that cooperate when this rule leads and the text names a place that sells food
    # (the language file's ``businesses``): meat slaughtered without inspection and sold at a
    # market or to a restaurant is also the market regulator's (routing.md: the others
    # cooperate); sold from the farm gate it is agriculture's alone.
    co_where_sold: tuple[str, ...] = ()
    # When this rule leads, a place selling food named in the text is where its nuisance
    # comes from (a restaurant's fumes, a stall on the road, swill poured by a diner), not a
    # second area: bureaus that fired only through ``only_where_sold`` rules do not cooperate
    # for it (their words there mostly describe the waste: 臭, 油污, 苍蝇).
    source_not_sale: bool = False
    # Rules (by id) that, when they fire and the text names an industrial polluter (the
    # language file's ``polluters``), silence this one: a kiln's or a smelter's smoke over
    # the fields is the pollution bureau's alone (routing.md step 6), and the street rule's
    # smoke words (烟熏, 熏得) there do not make the street bureau a second one. Unlike
    # ``yields_to``, the rule neither leads nor cooperates.
    gives_way_to: tuple[str, ...] = ()
    # Silent where the text tells the food as a household's, not a business's (the language
    # file's ``homemade``, nobody selling it), as the ``only_where_sold`` rules are: a
    # neighbour smoking sausages at home is no restaurant's fumes.
    not_at_home: bool = False
    # What a clerk calls the responsibility, in Chinese and in English: the desk shows it
    # where the id ("food-at-a-business") told staff nothing. Every shipped rule has both
    # (tests/routing/test_ruleset.py); a rule without them is shown by its id.
    name: str = ""
    name_en: str = ""



@dataclass(frozen=True)
class Language:
    """Shared cues: a negation right before a keyword cancels that keyword."""

    negations: tuple[str, ...]
    negation_window: int
    not_negations: tuple[str, ...] = ()
    # Words naming a place that sells food (rules marked ``only_where_sold`` look for them).
    businesses: tuple[str, ...] = ()
    # Longer words holding or overlapping one of those that name no place selling food to
    # eat (饲料店 in 饲料店里, 市场监管局, 往外卖): a place word inside one is not named.
    other_places: tuple[str, ...] = ()
    # Cues right after a word that clear it ("学校食堂没问题，是门口的摊子"); they start at
    # most one character after it.
    negations_after: tuple[str, ...] = ()
    # Where food is sold to the public, and where it is grown or raised (see ``on_sale_lead``).
    points_of_sale: tuple[str, ...] = ()
    origins: tuple[str, ...] = ()
    # Industrial sources of pollution (see ``yields_to``).
    polluters: tuple[str, ...] = ()
    # Food told as made, picked or given at home; with no place of sale named, what is wrong
    # with it is no business's (``only_where_sold`` rules defer), and ``homemade_unless``
    # words (a sale) keep it the seller's.
    homemade: tuple[str, ...] = ()
    homemade_unless: tuple[str, ...] = ()
    # The place named sold or served the food anyway (照样卖, 照样用): for a rule with
    # ``source_not_sale`` it is a second area after all, and the market regulator cooperates.
    sold_anyway: tuple[str, ...] = ()
    # The message turns to a second matter (而且, 不光, 二是): for a rule with
    # ``source_not_sale`` what the food rules found is a second area, as with ``sold_anyway``.
    second_matter: tuple[str, ...] = ()
    # A comparison (跟首饰盒一样, 像鞋底似的): a veto word after one of ``simile_before`` and
    # before one of ``simile_after`` (starting at most ``simile_window`` characters after it)
    # describes the food and vetoes nothing.
    simile_before: tuple[str, ...] = ()
    simile_after: tuple[str, ...] = ()
    simile_window: int = 3


@dataclass(frozen=True)
class RuleSet:
    rules: tuple[Rule, ...]
    language: Language

    def by_id(self, rule_id: str) -> Rule:
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        raise KeyError(rule_id)


def _words(path: Path, field: str, value: Any) -> tuple[str, ...]:
    """A list of words; ``@name`` stands for every word of a lexicon class."""
    if not isinstance(value, list) or not value:
        raise RuleFileError(path, f"'{field}' must be a non-empty list of words")
    words: list[str] = []
    for word in value:
        if not isinstance(word, str) or not word.strip():
            raise RuleFileError(path, f"'{field}' has an empty or non-text word: {word!r}")
        words.extend(_class(path, field, word[1:]) if word.startswith("@") else [word])
    return tuple(dict.fromkeys(words))


def _class(path: Path, field: str, name: str) -> tuple[str, ...]:
    try:
        return word_class(name)
    except UnknownWordClass:
        raise RuleFileError(
            path, f"'{field}': no word class '@{name}'"
            f" (knowledge/lexicon/{name}.dict.txt or {name}.words.txt)"
        ) from None


def _weights(path: Path, field: str, value: Any) -> dict[str, float]:
    """word -> weight; ``@name: w`` gives every word of a lexicon class weight w, and a word
    listed on its own keeps its own weight."""
    if not isinstance(value, dict) or not value:
        raise RuleFileError(path, f"'{field}' must be a non-empty mapping of word: weight")
    weights: dict[str, float] = {}
    classes: dict[str, float] = {}
    for word, weight in value.items():
        if not isinstance(word, str) or not word.strip():
            raise RuleFileError(path, f"'{field}' has an empty or non-text word: {word!r}")
        if isinstance(weight, bool) or not isinstance(weight, int | float):
            raise RuleFileError(path, f"'{field}': weight of {word!r} must be a number")
        if not 0 < weight <= 5:
            raise RuleFileError(path, f"'{field}': weight of {word!r} must be in (0, 5]")
        if word.startswith("@"):
            classes[word[1:]] = float(weight)
        else:
            weights[word] = float(weight)
    for name, weight in classes.items():
        for member in _class(path, field, name):
            weights.setdefault(member, weight)
    return weights


def _bureau(path: Path, field: str, value: Any) -> str:
    if value not in BUREAUS:
        known = ", ".join(BUREAUS)
        raise RuleFileError(path, f"'{field}': unknown bureau {value!r} (known: {known})")
    return str(value)


def _flag(path: Path, field: str, value: Any) -> bool:
    if not isinstance(value, bool):
        raise RuleFileError(path, f"'{field}' must be true or false")
    return value


def parse_rule(path: Path, data: Any) -> Rule:
    """A validated :class:`Rule` from one file's YAML content; RuleFileError otherwise."""
    if not isinstance(data, dict):
        raise RuleFileError(path, "a rule file must be a YAML mapping")
    unknown = set(data) - _RULE_FIELDS
    if unknown:
        raise RuleFileError(path, f"unknown field(s): {', '.join(sorted(map(str, unknown)))}")
    for name in _REQUIRED:
        if name not in data:
            raise RuleFileError(path, f"missing required field '{name}'")
    if "keywords" not in data and "all_of" not in data:
        raise RuleFileError(path, "a rule needs 'keywords', 'all_of' or both")
    rule_id = data.get("id", path.stem)
    if rule_id != path.stem:
        raise RuleFileError(path, f"'id' {rule_id!r} must equal the file name {path.stem!r}")
    step = data["step"]
    if isinstance(step, bool) or not isinstance(step, int) or step not in PRECEDENCE_STEPS:
        raise RuleFileError(path, f"'step' must be one of routing.md's steps 1-11, not {step!r}")
    clause = data["clause"]
    if not isinstance(clause, str) or not clause.startswith("("):
        raise RuleFileError(path, f"'clause' must cite the plan like '(七)', not {clause!r}")
    co_value = data.get("co", [])
    if not isinstance(co_value, list):
        raise RuleFileError(path, "'co' must be a list of bureau codes")
    lead = _bureau(path, "lead", data["lead"])
    co = tuple(_bureau(path, "co", code) for code in co_value)
    if lead in co:
        raise RuleFileError(path, f"'co' repeats the lead bureau {lead!r}")
    all_of_value = data.get("all_of", [])
    if not isinstance(all_of_value, list) or len(all_of_value) == 1:
        raise RuleFileError(path, "'all_of' must be a list of at least two word lists")
    all_of = tuple(_words(path, "all_of", group) for group in all_of_value)
    threshold = data.get("threshold", 1.0)
    if isinstance(threshold, bool) or not isinstance(threshold, int | float) or threshold <= 0:
        raise RuleFileError(path, "'threshold' must be a positive number")
    all_of_weight = data.get("all_of_weight", 1.0)
    if isinstance(all_of_weight, bool) or not isinstance(all_of_weight, int | float):
        raise RuleFileError(path, "'all_of_weight' must be a number")
    all_of_within = data.get("all_of_within", 0)
    if isinstance(all_of_within, bool) or not isinstance(all_of_within, int) or all_of_within < 0:
        raise RuleFileError(path, "'all_of_within' must be a whole number of characters >= 0")
    title = data["title"]
    if not isinstance(title, str) or not title.strip():
        raise RuleFileError(path, "'title' must be a non-empty text")
    name, name_en = (_text(path, field, data[field]) if field in data else ""
                      for field in ("name", "name_en"))
    if bool(name) != bool(name_en):
        raise RuleFileError(path, "'name' and 'name_en' go together")
    return Rule(
        id=rule_id,
        title=title,
        name=name,
        name_en=name_en,
        clause=clause,
        step=step,
        lead=lead,
        co=co,
        keywords=_weights(path, "keywords", data["keywords"]) if "keywords" in data else {},
        all_of=all_of,
        all_of_weight=float(all_of_weight),
        all_of_unless=_words(path, "all_of_unless", data["all_of_unless"])
        if "all_of_unless" in data else (),
        all_of_within=all_of_within,
        strengthen=_weights(path, "strengthen", data["strengthen"]) if "strengthen" in data
        else {},
        veto=_words(path, "veto", data["veto"]) if "veto" in data else (),
        threshold=float(threshold),
        exact_only=_words(path, "exact_only", data["exact_only"]) if "exact_only" in data
        else (),
        defers=_flag(path, "defers", data.get("defers", False)),
        review=_flag(path, "review", data.get("review", False)),
        negations=_words(path, "negations", data["negations"]) if "negations" in data else (),
        only_where_sold=_flag(path, "only_where_sold", data.get("only_where_sold", False)),
        on_sale_lead=_on_sale_lead(path, data, lead),
        yields_to=_words(path, "yields_to", data["yields_to"]) if "yields_to" in data else (),
        veto_except=_words(path, "veto_except", data["veto_except"])
        if "veto_except" in data else (),
        co_where_sold=_co_where_sold(path, data, lead),
        source_not_sale=_flag(path, "source_not_sale", data.get("source_not_sale", False)),
        gives_way_to=_words(path, "gives_way_to", data["gives_way_to"])
        if "gives_way_to" in data else (),
        not_at_home=_flag(path, "not_at_home", data.get("not_at_home", False)),
    )


def _text(path: Path, field: str, value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise RuleFileError(path, f"'{field}' must be a non-empty text")
    return value.strip()


def _co_where_sold(path: Path, data: dict[str, Any], lead: str) -> tuple[str, ...]:
    if "co_where_sold" not in data:
        return ()
    value = data["co_where_sold"]
    if not isinstance(value, list) or not value:
        raise RuleFileError(path, "'co_where_sold' must be a non-empty list of bureaus")
    codes = tuple(_bureau(path, "co_where_sold", code) for code in value)
    if lead in codes:
        raise RuleFileError(path, "'co_where_sold' names the rule's own lead bureau")
    return codes


def _on_sale_lead(path: Path, data: dict[str, Any], lead: str) -> str | None:
    if "on_sale_lead" not in data:
        return None
    code = _bureau(path, "on_sale_lead", data["on_sale_lead"])
    if code == lead:
        raise RuleFileError(path, f"'on_sale_lead' repeats the lead bureau {lead!r}")
    return code


# libyaml's loader when present: the rules are read at every start.
_BASE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _UniqueKeyLoader(_BASE_LOADER):  # type: ignore[misc, valid-type]
    """A word listed twice in one mapping would silently keep only its last weight: refuse it
    so the reviewer sees which of the two was meant."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"{key!r} is listed twice", key_node.start_mark)
            seen.add(key)
        mapping: dict[Any, Any] = super().construct_mapping(node, deep)
        return mapping


_LOADER = _UniqueKeyLoader


def _read_yaml(path: Path) -> Any:
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)  # noqa: S506
    except yaml.YAMLError as exc:
        raise RuleFileError(path, f"not valid YAML: {exc}") from exc
    except UnicodeDecodeError as exc:
        raise RuleFileError(path, "not UTF-8 text") from exc


LANGUAGE_FIELDS = frozenset({
    "negations", "negation_window", "not_negations", "negations_after", "businesses",
    "other_places",
    "points_of_sale", "origins", "polluters", "homemade", "homemade_unless", "sold_anyway",
    "second_matter", "simile_before", "simile_after", "simile_window",
})


def _window(path: Path, field: str, data: dict[str, Any]) -> int:
    window = data.get(field, 3)
    if isinstance(window, bool) or not isinstance(window, int) or not 0 <= window <= 10:
        raise RuleFileError(path, f"'{field}' must be an integer in 0-10")
    return window


def parse_language(path: Path, data: Any) -> Language:
    if not isinstance(data, dict):
        raise RuleFileError(path, "the language file must be a YAML mapping")
    unknown = sorted(set(data) - LANGUAGE_FIELDS, key=str)
    if unknown:
        raise RuleFileError(path, f"unknown field(s): {', '.join(map(str, unknown))}")
    negations = _words(path, "negations", data.get("negations"))
    window = _window(path, "negation_window", data)
    not_negations = (_words(path, "not_negations", data["not_negations"])
                     if "not_negations" in data else ())
    businesses = _words(path, "businesses", data["businesses"]) if "businesses" in data else ()
    other_places = (_words(path, "other_places", data["other_places"])
                    if "other_places" in data else ())
    after = (_words(path, "negations_after", data["negations_after"])
             if "negations_after" in data else ())
    points_of_sale = (_words(path, "points_of_sale", data["points_of_sale"])
                      if "points_of_sale" in data else ())
    origins = _words(path, "origins", data["origins"]) if "origins" in data else ()
    polluters = _words(path, "polluters", data["polluters"]) if "polluters" in data else ()
    homemade = _words(path, "homemade", data["homemade"]) if "homemade" in data else ()
    homemade_unless = (_words(path, "homemade_unless", data["homemade_unless"])
                       if "homemade_unless" in data else ())
    sold_anyway = (_words(path, "sold_anyway", data["sold_anyway"])
                   if "sold_anyway" in data else ())
    second_matter = (_words(path, "second_matter", data["second_matter"])
                     if "second_matter" in data else ())
    simile_before = (_words(path, "simile_before", data["simile_before"])
                     if "simile_before" in data else ())
    simile_after = (_words(path, "simile_after", data["simile_after"])
                    if "simile_after" in data else ())
    if bool(simile_before) != bool(simile_after):
        raise RuleFileError(path, "'simile_before' and 'simile_after' go together")
    return Language(negations=negations, negation_window=window, not_negations=not_negations,
                    businesses=businesses, other_places=other_places, negations_after=after,
                    points_of_sale=points_of_sale, origins=origins, polluters=polluters,
                    homemade=homemade, homemade_unless=homemade_unless,
                    sold_anyway=sold_anyway, second_matter=second_matter,
                    simile_before=simile_before, simile_after=simile_after,
                    simile_window=_window(path, "simile_window", data))


def load_rules(directory: Path = RULES_DIR, files: Iterable[Path] | None = None) -> RuleSet:
    """Every rule file in ``directory``, validated; RuleFileError on the first broken one."""
    paths = sorted(files) if files is not None else sorted(directory.glob("*.yaml"))
    rules = []
    language = Language(negations=(), negation_window=3)
    for path in paths:
        data = _read_yaml(path)
        if path.name == LANGUAGE_FILE:
            language = parse_language(path, data)
        elif not path.name.startswith("_"):
            rules.append(parse_rule(path, data))
    if not rules:
        raise RuleFileError(directory, "no rule files found")
    known = {rule.id for rule in rules}
    for path, rule in zip([p for p in paths if not p.name.startswith("_")], rules, strict=True):
        for name in ("yields_to", "gives_way_to"):
            unknown = [rule_id for rule_id in getattr(rule, name) if rule_id not in known]
            if unknown:
                raise RuleFileError(path, f"'{name}': unknown rule(s) {', '.join(unknown)}")
    return RuleSet(rules=tuple(rules), language=language)
