"""The curated food-safety knowledge base and the search that answers from it.

``default_base().answer(question)`` is the one call the bot and the web need.
"""

from knowledge.faq.answer import Answer, Suggestion
from knowledge.faq.base import KnowledgeBase, Ranked, Scoring, UnknownEntry, default_base
from knowledge.faq.entry import Entry, Source, Topic

__all__ = [
    "Answer",
    "Entry",
    "KnowledgeBase",
    "Ranked",
    "Scoring",
    "Source",
    "Suggestion",
    "Topic",
    "UnknownEntry",
    "default_base",
]
