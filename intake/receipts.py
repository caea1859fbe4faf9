"""Receipts: the reporter's only key to a case, shown once and stored only as a keyed hash.

Twenty characters from a 29-letter alphabet without look-alikes (no 0/O, 1/I/L, U/V) give
97 bits from ``secrets``; grouped in fives they are easy to read aloud and type back.
"""

from __future__ import annotations

import hashlib
import hmac
import math
import secrets
import unicodedata

ALPHABET = "23456789ABCDEFGHJKMNPQRSTWXYZ"
GROUPS = 4
GROUP_SIZE = 5
LENGTH = GROUPS * GROUP_SIZE


def new_receipt() -> str:
    """A fresh receipt such as ``7KQ2M-9XDAB-C3EFG-HJK4N``."""
    chars = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
    return "-".join(chars[i : i + GROUP_SIZE] for i in range(0, LENGTH, GROUP_SIZE))


def typed_characters(receipt: str) -> str:
    """A receipt as typed back, upper-cased, without its spaces or dashes; full-width letters
    and digits (a Chinese keyboard's full-width mode: "ＡＢ２") as their ASCII selves."""
    return "".join(c for c in unicodedata.normalize("NFKC", receipt).upper()
                   if c not in " -_\t—")


def canonical(receipt: str) -> str | None:
    """The receipt as typed back (any case, width, spaces or dashes) in its stored form, or
    None."""
    chars = typed_characters(receipt)
    if len(chars) != LENGTH or any(c not in ALPHABET for c in chars):
        return None
    return "-".join(chars[i : i + GROUP_SIZE] for i in range(0, LENGTH, GROUP_SIZE))


def receipt_hash(key: bytes, receipt: str) -> str:
    """The keyed hash stored in place of the receipt (hex, 64 characters)."""
    return hmac.new(key, receipt.encode("ascii"), hashlib.sha256).hexdigest()


def contains_receipt(text: str, receipt: str) -> bool:
    """True when ``text`` holds ``receipt``, however it is spaced, cased or dashed."""
    compact = "".join(c for c in text.upper() if c.isalnum())
    return receipt.replace("-", "") in compact


def bits_of_entropy() -> float:
    """How many random bits a receipt carries (the floor we promise is 80)."""
    return LENGTH * math.log2(len(ALPHABET))
