"""Questions: the knowledge base answers with its source, or offers the closest questions.

Every answer asks "有帮助吗?"; the vote is recorded through the domain (intake.feedback) and
only once per answer. A question the base could not answer confidently is recorded as a
miss, so editors see what people ask that the base lacks.
"""

from __future__ import annotations

from bot.characters import has_chinese
from bot.flows.common import menu_buttons
from bot.states import State
from bot.turn import Turn
from intake.feedback import record_feedback, record_miss
from knowledge.faq import UnknownEntry
from knowledge.faq.answer import Answer

MAX_SUGGESTION_LABEL = 60


def answer_question(turn: Turn, question: str) -> State:
    answer = turn.knowledge.answer(question, lang=turn.lang)
    if answer.answered and answer.entry_id:
        _send_answer(turn, answer.answer or "", answer.source or "", answer.entry_id)
        return State.IDLE
    record_miss(turn.session, question=question, best_entry_id=(
        answer.suggestions[0].entry_id if answer.suggestions else None), score=answer.score)
    if answer.in_scope and answer.suggestions:
        turn.data["suggestions"] = [s.entry_id for s in answer.suggestions]
        buttons = [turn.btn_raw(s.question[:MAX_SUGGESTION_LABEL], f"q:{i}")
                   for i, s in enumerate(answer.suggestions)]
        turn.say("not_sure", *buttons)
        return State.IDLE
    turn.say("out_of_scope", *menu_buttons(turn))
    return State.IDLE


def answer_aside(turn: Turn, question: str) -> bool:
    """Answer a question put in the middle of a report, when the base is sure of it; no
    vote buttons, so the report's own question stays the last thing on the screen."""
    answer: Answer | None = turn.knowledge.answer(question, lang=turn.lang)
    if not (answer and answer.answered and answer.entry_id):
        answer = _about_this_report(turn, question)
    if answer is None:
        return False
    _send_text(turn, answer.answer or "", answer.source or "")
    return True


# What a report in progress is called, for a question that speaks of it only as "this" or "it"
# ("how long will this take?", "要等多久"): the words the base knows it by.
_REPORT_WORD = {("complaint", True): "投诉", ("complaint", False): "complaint",
                ("tip", True): "举报", ("tip", False): "report"}


def _about_this_report(turn: Turn, question: str) -> Answer | None:
    """The base's answer to a question put mid-report, read as being about the report in
    progress ("how long will this take?" is how long a complaint takes), when it is about the
    desk's own service (an entry of the topic "service"): "where can I buy milk" stays unanswered
    rather than turn into a complaint about milk."""
    kind = turn.data.get("kind")
    if kind not in ("complaint", "tip"):
        return None
    word = _REPORT_WORD[(kind, has_chinese(question))]
    answer = turn.knowledge.answer(f"{question} {word}", lang=turn.lang)
    if not (answer.answered and answer.entry_id) or \
            turn.knowledge.entry(answer.entry_id).topic != "service":
        return None
    return answer


def _send_text(turn: Turn, text: str, source: str) -> None:
    # An entry not yet translated answers in Chinese: an English conversation is told so
    # first, rather than handed a paragraph in another language without a word.
    note = turn.t("answer_in_chinese") + "\n" if turn.lang == "en" and has_chinese(text) else ""
    turn.send(f"{note}{text}\n{turn.t('source', source=source)}")


def _send_answer(turn: Turn, text: str, source: str, entry_id: str) -> None:
    _send_text(turn, text, source)
    turn.data["feedback_for"] = entry_id
    turn.say("was_it_helpful", turn.btn("btn_helpful", "fb:1"),
             turn.btn("btn_not_helpful", "fb:0"))


def on_suggestion(turn: Turn) -> State:
    """A press on one of the closest questions: answer that entry."""
    suggestions = turn.data.get("suggestions") or []
    index = (turn.button or "").removeprefix("q:")
    if not index.isdigit() or int(index) >= len(suggestions):
        turn.say("stale_button")
        return State.IDLE
    try:
        entry = turn.knowledge.entry(suggestions[int(index)])
    except (UnknownEntry, KeyError):
        turn.say("stale_button")
        return State.IDLE
    turn.data.pop("suggestions", None)
    _send_answer(turn, entry.answer_in(turn.lang), entry.source.cite(turn.lang), entry.id)
    return State.IDLE


def on_feedback(turn: Turn) -> State:
    entry_id = turn.data.pop("feedback_for", None)
    if not entry_id:
        turn.say("stale_button")
        return State.IDLE
    helpful = turn.button == "fb:1"
    record_feedback(turn.session, entry_id=entry_id, helpful=helpful)
    turn.say("thanks_feedback" if helpful else "sorry_feedback")
    return State.IDLE
