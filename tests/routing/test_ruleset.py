"""Rule files: a reviewer edits data; a broken edit is refused with a message that says where."""

from __future__ import annotations

from pathlib import Path

import pytest

from intake.bureaus import BUREAUS
from intake.routing.ruleset import PRECEDENCE_STEPS, RULES_DIR, RuleFileError, load_rules

GOOD = """\
title: 测试规则
clause: "(七)"
step: 10
lead: samr
co: [health]
keywords:
  外卖: 1.0
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_the_shipped_rules_load_and_cover_every_bureau():
    ruleset = load_rules()
    assert len(ruleset.rules) >= 15
    assert {rule.lead for rule in ruleset.rules} == set(BUREAUS)
    assert all(rule.clause.startswith("(") for rule in ruleset.rules)
    assert ruleset.language.negations


def test_every_rule_file_is_one_rule_named_for_its_file():
    files = [path for path in RULES_DIR.glob("*.yaml") if not path.name.startswith("_")]
    assert sorted(path.stem for path in files) == sorted(r.id for r in load_rules().rules)


def test_a_good_file_loads_with_its_fields(tmp_path):
    ruleset = load_rules(tmp_path, [write(tmp_path, "delivery.yaml", GOOD)])
    (rule,) = ruleset.rules
    assert (rule.id, rule.lead, rule.co, rule.step) == ("delivery", "samr", ("health",), 10)
    assert rule.keywords == {"外卖": 1.0}


def test_only_where_sold_is_a_flag_and_businesses_a_language_list():
    ruleset = load_rules()
    assert ruleset.by_id("food-hazards").only_where_sold
    assert not ruleset.by_id("slaughter").only_where_sold
    assert ruleset.by_id("street-nuisance").source_not_sale
    assert not ruleset.by_id("catering").source_not_sale
    assert ruleset.by_id("street-nuisance").not_at_home
    assert ruleset.by_id("food-hazards").not_at_home
    assert not ruleset.by_id("rumours").not_at_home  # only_where_sold, it defers at home
    assert {"饭店", "超市", "市场"} <= set(ruleset.language.businesses)
    assert {"饲料店", "往外卖"} <= set(ruleset.language.other_places)


def test_on_sale_lead_names_another_bureau(tmp_path):
    ruleset = load_rules()
    assert ruleset.by_id("farm-inputs").on_sale_lead == "samr"
    assert "超市" in ruleset.language.points_of_sale and "鱼塘" in ruleset.language.origins
    write(tmp_path, "a.yaml", GOOD + "on_sale_lead: samr\n")
    with pytest.raises(RuleFileError, match="on_sale_lead"):
        load_rules(tmp_path)


@pytest.mark.parametrize("field", ["yields_to", "gives_way_to"])
def test_yields_to_and_gives_way_to_name_known_rules(tmp_path, field):
    assert "farmland-pollution" in getattr(load_rules().by_id(
        "slaughter" if field == "yields_to" else "street-nuisance"), field)
    write(tmp_path, "a.yaml", GOOD + f"{field}: [no-such-rule]\n")
    with pytest.raises(RuleFileError, match=f"'{field}': unknown rule.*no-such-rule"):
        load_rules(tmp_path)


def test_a_word_class_expands_and_an_explicit_weight_wins(tmp_path):
    text = GOOD.replace("  外卖: 1.0\n", '  "@foods": 0.4\n  螺蛳粉: 0.9\n')
    (rule,) = load_rules(tmp_path, [write(tmp_path, "foods.yaml", text)]).rules
    assert rule.keywords["米线"] == 0.4
    assert rule.keywords["螺蛳粉"] == 0.9


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda t: t.replace("lead: samr", "lead: mars"), "unknown bureau 'mars'"),
        (lambda t: t.replace("co: [health]", "co: [samr]"), "repeats the lead"),
        (lambda t: t.replace("step: 10", "step: 12"), "'step' must be one of routing.md's"),
        (lambda t: t.replace('clause: "(七)"', "clause: seven"), "'clause' must cite the plan"),
        (lambda t: t.replace("外卖: 1.0", "外卖: heavy"), "weight of '外卖' must be a number"),
        (lambda t: t.replace("外卖: 1.0", "外卖: 9"), "must be in (0, 5]"),
        (lambda t: t.replace("title: 测试规则\n", ""), "missing required field 'title'"),
        (lambda t: t + "colour: red\n", "unknown field(s): colour"),
        (lambda t: t + "all_of: [[学校]]\n", "'all_of' must be a list of at least two"),
        (lambda t: t + "veto: []\n", "'veto' must be a non-empty list"),
        (lambda t: t + "defers: maybe\n", "'defers' must be true or false"),
        (lambda t: t + "all_of_within: -3\n", "'all_of_within' must be a whole number"),
        (lambda t: t + "  外卖: 0.5\n", "'外卖' is listed twice"),
        (lambda t: t.replace("外卖: 1.0", '"@nothing": 1.0'), "no word class '@nothing'"),
        (lambda t: t + "  : [\n", "not valid YAML"),
        (lambda t: t + "name: 测试\n", "'name' and 'name_en' go together"),
        (lambda t: t + "name: 测试\nname_en: [Test]\n", "'name_en' must be a non-empty text"),
        (lambda t: "- just\n- a list\n", "must be a YAML mapping"),
    ],
)
def test_a_broken_rule_file_is_refused_naming_file_and_problem(tmp_path, change, message):
    path = write(tmp_path, "broken.yaml", change(GOOD))
    with pytest.raises(RuleFileError) as caught:
        load_rules(tmp_path, [path])
    assert str(caught.value).startswith("broken.yaml: ")
    assert message in str(caught.value)


def test_every_shipped_rule_has_a_name_in_both_languages_that_is_not_its_id():
    # The desk shows these to a clerk instead of the id; the title is a long description.
    for rule in load_rules().rules:
        assert rule.name and rule.name_en, rule.id
        assert rule.name != rule.id and rule.name_en != rule.id
        assert any("\u4e00" <= char <= "\u9fff" for char in rule.name), rule.id
        assert rule.name_en.isascii(), rule.id
        assert len(rule.name) <= 20 and len(rule.name) < len(rule.title), rule.id


def test_a_rule_whose_id_differs_from_its_file_name_is_refused(tmp_path):
    path = write(tmp_path, "delivery.yaml", "id: catering\n" + GOOD)
    with pytest.raises(RuleFileError, match="must equal the file name"):
        load_rules(tmp_path, [path])


def test_the_language_file_is_validated_too(tmp_path):
    language = write(tmp_path, "_language.yaml", "negations: [不是]\nnegation_window: 99\n")
    with pytest.raises(RuleFileError, match="negation_window"):
        load_rules(tmp_path, [language, write(tmp_path, "delivery.yaml", GOOD)])


def test_an_empty_rule_directory_is_refused(tmp_path):
    with pytest.raises(RuleFileError, match="no rule files"):
        load_rules(tmp_path)


def test_precedence_has_the_eleven_steps_of_routing_md():
    assert sorted(PRECEDENCE_STEPS) == list(range(1, 12))


def test_a_word_class_can_stand_in_an_all_of_group(tmp_path):
    text = GOOD + 'all_of:\n  - ["@food_places", 店]\n  - [拉肚子]\n'
    (rule,) = load_rules(tmp_path, [write(tmp_path, "ill.yaml", text)]).rules
    assert "饭店" in rule.all_of[0] and "店" in rule.all_of[0]


def test_not_negations_are_read_from_the_language_file(tmp_path):
    language = write(tmp_path, "_language.yaml",
                     "negations: [不是]\nnot_negations: [是不是]\n")
    ruleset = load_rules(tmp_path, [language, write(tmp_path, "delivery.yaml", GOOD)])
    assert ruleset.language.not_negations == ("是不是",)


def test_a_rule_needs_keywords_or_a_compound(tmp_path):
    text = GOOD.replace("keywords:\n  外卖: 1.0\n", "")
    with pytest.raises(RuleFileError, match="needs 'keywords', 'all_of' or both"):
        load_rules(tmp_path, [write(tmp_path, "empty.yaml", text)])
    compound = text + "all_of:\n  - [学校]\n  - [食堂]\nreview: true\n"
    (rule,) = load_rules(tmp_path, [write(tmp_path, "compound.yaml", compound)]).rules
    assert rule.keywords == {} and rule.review


def test_similes_are_language_data():
    language = load_rules().language
    assert "跟" in language.simile_before and "一样" in language.simile_after


@pytest.mark.parametrize(("text", "problem"), [
    ("simile_before: [跟]\n", "'simile_before' and 'simile_after' go together"),
    ("simile_before: [跟]\nsimile_after: [一样]\nsimile_window: -1\n", "simile_window"),
    ("similes: [跟]\n", "unknown field"),
    # The dialect fold is the lexicon's, shared with the intent rules, not the rules' own.
    ("dialect: {冇: 没}\n", "unknown field"),
])
def test_the_language_file_refuses_a_broken_simile(tmp_path, text, problem):
    language = write(tmp_path, "_language.yaml", "negations: [不是]\n" + text)
    with pytest.raises(RuleFileError, match=problem):
        load_rules(tmp_path, [language, write(tmp_path, "delivery.yaml", GOOD)])


def test_co_where_sold_names_other_known_bureaus(tmp_path):
    (rule,) = load_rules(tmp_path, [write(tmp_path, "meat.yaml",
                                          GOOD + "co_where_sold: [agri]\n")]).rules
    assert rule.co_where_sold == ("agri",)
    with pytest.raises(RuleFileError, match="own lead bureau"):
        load_rules(tmp_path, [write(tmp_path, "meat.yaml", GOOD + "co_where_sold: [samr]\n")])
    with pytest.raises(RuleFileError, match="unknown bureau"):
        load_rules(tmp_path, [write(tmp_path, "meat.yaml", GOOD + "co_where_sold: [mars]\n")])
