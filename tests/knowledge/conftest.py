"""Fixtures for the knowledge tests: the small fixture base, built once per session."""

from __future__ import annotations

import pytest
from faq_factories import FIXTURE_ENTRIES

from knowledge.faq import KnowledgeBase
from knowledge.faq.loading import load_directory


@pytest.fixture(scope="session")
def fixture_base() -> KnowledgeBase:
    loaded = load_directory(FIXTURE_ENTRIES)
    assert not loaded.problems, loaded.problems
    return KnowledgeBase(loaded.entries, topics=loaded.topics)
