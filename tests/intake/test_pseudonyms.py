"""Pseudonyms: stable per platform identity, unlinkable without the key, never the id."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from intake.pseudonyms import PATTERN, pseudonym

KEY = b"p" * 32
user_ids = st.integers(min_value=1, max_value=10**12).map(str)


@given(user_ids)
def test_the_same_identity_always_gets_the_same_pseudonym(user_id):
    assert pseudonym(KEY, "telegram", user_id) == pseudonym(KEY, "telegram", user_id)


@given(user_ids)
def test_a_pseudonym_looks_like_R_XXXX_XXXX_and_does_not_contain_the_id(user_id):
    alias = pseudonym(KEY, "telegram", user_id)
    assert PATTERN.match(alias)
    if len(user_id) >= 4:
        assert user_id not in alias


@given(user_ids)
def test_another_key_gives_another_pseudonym(user_id):
    assert pseudonym(KEY, "telegram", user_id) != pseudonym(b"q" * 32, "telegram", user_id)


@given(user_ids)
def test_the_platform_is_part_of_the_identity(user_id):
    assert pseudonym(KEY, "telegram", user_id) != pseudonym(KEY, "chat", user_id)


def test_ten_thousand_identities_get_practically_distinct_pseudonyms():
    aliases = {pseudonym(KEY, "telegram", str(n)) for n in range(10_000)}
    assert len(aliases) >= 9_990
