"""The knowledge base on the web: search, browse by topic, answers with their source."""

from __future__ import annotations

import pytest
from faq_factories import shipped_base_with_chinese_only
from flask.testing import FlaskClient
from markupsafe import escape
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker
from web_factories import form_token

from intake.models import FaqFeedback, FaqMiss
from knowledge.faq import default_base


def test_a_search_answers_with_the_source(client: FlaskClient) -> None:
    page = client.get("/kb", query_string={"q": "隔夜菜能吃吗"}).data.decode()
    answer = default_base().answer("隔夜菜能吃吗")
    assert answer.answered and answer.source
    assert answer.question in page and answer.source in page
    assert 'id="answer"' in page


def test_a_question_outside_food_safety_is_declined_and_recorded_as_a_miss(
    client: FlaskClient, session_factory: sessionmaker[Session]
) -> None:
    page = client.get("/kb", query_string={"q": "明天股票会涨吗"}).data.decode()
    assert "不属于食品安全" in page
    with session_factory() as session:
        assert session.scalars(select(FaqMiss)).one().question


def test_browsing_a_topic_lists_its_entries_and_an_entry_shows_its_source(
    client: FlaskClient,
) -> None:
    base = default_base()
    topic = base.topics()[0]
    entry = base.entries_by_topic(topic.code)[0]
    page = client.get("/kb", query_string={"topic": topic.code}).data.decode()
    assert topic.name in page and entry.question in page
    page = client.get(f"/kb/{entry.id}").data.decode()
    assert entry.source.cite() in page
    assert client.get("/kb", query_string={"topic": "nope"}).status_code == 404
    assert client.get("/kb/no-such-entry").status_code == 404


def test_feedback_is_recorded_once_per_click(
    client: FlaskClient, session_factory: sessionmaker[Session]
) -> None:
    entry = default_base().entries()[0]
    page = client.get(f"/kb/{entry.id}").data
    response = client.post(f"/kb/{entry.id}/feedback",
                           data={"csrf_token": form_token(page), "helpful": "yes"})
    assert response.status_code == 302
    assert "谢谢" in client.get(response.location).data.decode()
    assert client.post(f"/kb/{entry.id}/feedback",
                       data={"csrf_token": form_token(page), "helpful": "maybe"}).status_code == 400
    assert client.post(f"/kb/{entry.id}/feedback", data={"helpful": "no"}).status_code == 400
    with session_factory() as session:
        feedback = session.scalars(select(FaqFeedback)).one()
    assert feedback.entry_id == entry.id and feedback.helpful is True


def test_the_healthz_endpoint_answers_without_the_database(client: FlaskClient) -> None:
    assert client.get("/healthz").json == {"ok": True}


def test_in_english_the_search_entry_and_topic_pages_show_the_english_text(
    client: FlaskClient,
) -> None:
    base = default_base()
    entry = base.entry("home-overnight-dishes")
    assert entry.question_en and entry.answer_en

    found = client.get("/kb", query_string={"q": entry.question_en, "lang": "en"}).data.decode()
    page = client.get(f"/kb/{entry.id}", query_string={"lang": "en"}).data.decode()
    topic = client.get("/kb", query_string={"topic": entry.topic, "lang": "en"}).data.decode()
    chinese = client.get(f"/kb/{entry.id}").data.decode()

    answered = base.answer(entry.question_en, lang="en")
    assert answered.entry_id == entry.id
    assert escape(entry.answer_en) in found and escape(entry.question_en) in found
    assert f'<h1 lang="en">{escape(entry.question_en)}</h1>' in page
    assert escape(entry.answer_en) in page and escape(entry.source.cite("en")) in page
    assert escape(entry.question_en) in topic and entry.question not in topic
    assert entry.question in chinese and entry.answer_en not in chinese


def test_in_english_an_entry_not_yet_translated_shows_its_chinese_marked_as_chinese(
    client: FlaskClient, monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Given a base in which one entry has no English yet
    base = shipped_base_with_chinese_only("eating-out-buffet")
    monkeypatch.setattr("web.public.knowledge.default_base", lambda: base)
    entry = base.entry("eating-out-buffet")

    page = client.get(f"/kb/{entry.id}", query_string={"lang": "en"}).data.decode()

    assert f'<h1 lang="zh-Hans">{escape(entry.question)}</h1>' in page
    assert escape(entry.answer) in page
    assert "Some answers are only in Chinese so far" in client.get(
        "/kb", query_string={"lang": "en"}).data.decode()


def test_in_english_the_notice_of_chinese_answers_goes_once_every_entry_has_english(
    client: FlaskClient, monkeypatch: pytest.MonkeyPatch,
) -> None:
    base = shipped_base_with_chinese_only(None)
    monkeypatch.setattr("web.public.knowledge.default_base", lambda: base)

    page = client.get("/kb", query_string={"lang": "en"}).data.decode()

    assert all(entry.has_english for entry in base.entries())
    assert "only in Chinese" not in page and 'id="answers-in-chinese"' not in page
