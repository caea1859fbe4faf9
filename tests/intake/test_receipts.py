"""Receipts: at least 80 random bits, readable, typed back in any form, stored keyed."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from intake.receipts import (
    ALPHABET,
    bits_of_entropy,
    canonical,
    contains_receipt,
    new_receipt,
    receipt_hash,
)

AMBIGUOUS = set("0O1IL")


def test_a_receipt_carries_at_least_80_bits():
    assert bits_of_entropy() >= 80


def test_the_alphabet_has_no_look_alike_characters():
    assert not AMBIGUOUS & set(ALPHABET)


@settings(max_examples=200)
@given(st.integers(min_value=0, max_value=10))
def test_new_receipts_are_grouped_from_the_alphabet(_: int):
    receipt = new_receipt()
    groups = receipt.split("-")
    assert [len(g) for g in groups] == [5, 5, 5, 5]
    assert set("".join(groups)) <= set(ALPHABET)


def test_a_thousand_receipts_are_all_different():
    assert len({new_receipt() for _ in range(1000)}) == 1000


@given(
    st.data(),
    st.lists(st.sampled_from([" ", "-", "", "  ", "\u3000"]), min_size=20, max_size=20),
)
def test_a_receipt_typed_back_with_any_spacing_or_case_is_recognised(data, separators):
    receipt = new_receipt()
    chars = receipt.replace("-", "")
    lower = data.draw(st.lists(st.booleans(), min_size=20, max_size=20))
    typed = "".join(
        sep + (c.lower() if low else c)
        for c, sep, low in zip(chars, separators, lower, strict=True)
    )
    assert canonical(typed) == receipt


@given(st.text(max_size=40))
def test_canonical_never_accepts_text_that_is_not_a_receipt(text):
    result = canonical(text)
    if result is not None:
        assert len(result.replace("-", "")) == 20
        assert set(result.replace("-", "")) <= set(ALPHABET)


def test_the_stored_hash_depends_on_the_key_and_hides_the_receipt():
    receipt = new_receipt()
    first = receipt_hash(b"k" * 32, receipt)
    assert first == receipt_hash(b"k" * 32, receipt)
    assert first != receipt_hash(b"j" * 32, receipt)
    assert receipt.replace("-", "") not in first.upper()


@given(st.text(max_size=30), st.text(max_size=30))
def test_a_message_containing_the_receipt_is_detected_however_it_is_written(before, after):
    receipt = new_receipt()
    spaced = " ".join(receipt.lower())
    assert contains_receipt(before + spaced + after, receipt)


def test_a_receipt_typed_in_full_width_is_recognised():
    """A Chinese keyboard's full-width mode types letters, digits and dashes as ＡＢ２－."""
    receipt = new_receipt()
    full_width = "".join(chr(ord(c) + 0xFEE0) for c in receipt)
    assert canonical(full_width) == receipt
    assert canonical(full_width.replace("－", "\u3000")) == receipt
