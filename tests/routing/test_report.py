"""The routing report learns from real staff transfers stored by the intake workflow."""

from __future__ import annotations

import json

from click.testing import CliRunner

from intake import service
from intake.cli import main
from intake.drafts import CaseDraft
from intake.routing.overrides import features
from intake.routing.report import NO_RULE, format_routing_report, routing_report
from intake.staff import create_staff


def submit_and_transfer(session, settings, text, to_bureau, number):
    """A case the router decided, then moved by a lead of that bureau to ``to_bureau``."""
    draft = CaseDraft(kind="tip", channel="web", text=text)
    submitted = service.submit_case(session, settings=settings, draft=draft, reporter=None)
    actor = create_staff(session, settings=settings, username=f"lead{number}",
                         password="correct horse battery", bureau=submitted.decision.lead,
                         role="lead", display_name="组长")
    session.commit()
    service.transfer_case(session, settings=settings, actor=actor,
                          case_number=submitted.case_number, to_bureau=to_bureau,
                          reason="职责不符，转办")
    session.commit()
    return submitted.decision


def test_features_keep_tokens_and_matched_rule_words_only():
    found = features("外賣裡有蟑螂，电话13800000000")
    assert found["lead"] == "samr"
    assert "catering" in found["rules"] and "外卖" in found["keywords"]
    assert "蟑螂" in found["tokens"] and "有" not in found["tokens"]
    assert all(len(token) >= 2 for token in found["tokens"])


def test_the_report_ranks_overridden_rules_and_the_new_words_with_them(session, settings):
    # The router sends this to samr (cold storage); staff know it is a cold-chain company.
    text = "超市的冻肉是从冷库拉来的，冷库老板说温度计坏了半年"
    for number in range(2):
        decision = submit_and_transfer(session, settings, text, "commerce", number)
    submit_and_transfer(session, settings, "你好，有个事想问问", "health", 9)

    report = routing_report(session)

    assert report.total == 3
    top = report.rules[0]
    assert top.count == 2 and top.rule in {e.rule for e in decision.evidence}
    assert top.transfers[(decision.lead, "commerce")] == 2
    assert any(rule.rule == NO_RULE and rule.count == 1 for rule in report.rules)
    assert top.words["温度计"] == 2 and "冷库" not in top.words  # 冷库 is already a keyword
    assert report.words_by_destination["commerce"]["温度计"] == 2
    text_out = format_routing_report(report)
    assert "转办总数 / transfers: 3" in text_out and top.rule in text_out


def test_the_report_of_an_empty_database_says_so(session):
    assert "没有转办记录" in format_routing_report(routing_report(session))


def test_routing_report_command_prints_json(session, settings, db_url):
    submit_and_transfer(session, settings, "超市卖过期牛奶", "agri", 1)
    result = CliRunner().invoke(main, ["routing-report", "--json", "--database-url", db_url])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["total"] == 1
    assert data["rules"][0]["transfers"][0]["to"] == "agri"
