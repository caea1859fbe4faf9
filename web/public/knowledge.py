"""The knowledge base: search, browse by topic, each answer with its source.

Answers come from knowledge.faq; whether a citizen found one helpful, and which questions
found none, is recorded through intake.feedback (the domain owns the database).
"""

from __future__ import annotations

from flask import abort, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from wtforms import HiddenField

from intake import feedback
from knowledge.faq import UnknownEntry, default_base
from web.cookieless_csrf import CookielessForm
from web.extensions import csrf_exempt, limiter
from web.i18n import select_locale
from web.public import blueprint
from web.runtime import unit_of_work

MAX_QUESTION = 300


class FeedbackForm(CookielessForm):
    helpful = HiddenField()


@blueprint.get("/kb")
def knowledge() -> ResponseReturnValue:
    base = default_base()
    question = (request.args.get("q") or "").strip()[:MAX_QUESTION]
    topic = request.args.get("topic") or ""
    topics = base.topics()
    answer = None
    if question:
        answer = base.answer(question, lang=_lang())
        if not answer.answered:
            with unit_of_work() as session:
                best = answer.suggestions[0].entry_id if answer.suggestions else None
                feedback.record_miss(
                    session, question=question, best_entry_id=best, score=answer.score
                )
    entries = base.entries_by_topic(topic) if topic else []
    if topic and not any(t.code == topic for t in topics):
        abort(404)
    # The notice that some answers are still Chinese goes once every entry has English.
    chinese_only = not all(entry.has_english for entry in base.entries())
    return render_template(
        "public/knowledge.html", question=question, answer=answer, topics=topics,
        topic=topic, entries=entries, lang=_lang(), chinese_only=chinese_only,
    )


def _lang() -> str:
    """The knowledge base's language for this page: English when the reader chose it."""
    return "en" if select_locale() == "en" else "zh"


@blueprint.get("/kb/<entry_id>")
def knowledge_entry(entry_id: str) -> ResponseReturnValue:
    base = default_base()
    try:
        entry = base.entry(entry_id)
    except UnknownEntry:
        abort(404)
    topic = next((t for t in base.topics() if t.code == entry.topic), None)
    return render_template(
        "public/entry.html", entry=entry, topic=topic, form=FeedbackForm(formdata=None),
        lang=_lang(),
        thanks=request.args.get("thanks") == "1",
    )


@blueprint.post("/kb/<entry_id>/feedback")
@csrf_exempt
@limiter.limit("30 per minute")
def knowledge_feedback(entry_id: str) -> ResponseReturnValue:
    try:
        default_base().entry(entry_id)
    except UnknownEntry:
        abort(404)
    form = FeedbackForm()
    if not form.validate_on_submit() or form.helpful.data not in ("yes", "no"):
        abort(400)
    with unit_of_work() as session:
        feedback.record_feedback(session, entry_id=entry_id, helpful=form.helpful.data == "yes")
    return redirect(url_for("public.knowledge_entry", entry_id=entry_id, thanks=1))
