"""Finding a case's receipt in a message, however it was typed, and what else was said.

A receipt may come in any case, width, spacing or dashes, alone or inside a sentence; the
menu and the status step need it in its stored form, and the rest of the message apart from
it.
"""

from __future__ import annotations

import re
import unicodedata

from intake.receipts import ALPHABET, canonical
from knowledge.intent import find_receipt
from knowledge.text import normalize


def receipt_in(text: str) -> str | None:
    """A receipt in its stored form, found in ``text`` (any case, spacing or dashes)."""
    direct = canonical(text)
    if direct is not None:
        return direct
    candidate = find_receipt(normalize(text))
    return canonical(candidate) if candidate else None


def without_receipt(text: str, receipt: str) -> str:
    """``text`` with ``receipt`` taken out, however it was typed (case, width, spaces, dashes):
    what else the message said."""
    typed = r"[\s\-_—]*".join(re.escape(char) for char in receipt.replace("-", ""))
    return re.sub(typed, " ", unicodedata.normalize("NFKC", text), flags=re.IGNORECASE).strip()


# Four groups of five letters or digits, as a receipt is printed: typed so, it was meant as one.
_RECEIPT_SHAPED = re.compile(
    r"(?<![A-Za-z0-9])[A-Za-z0-9]{5}(?:[\s\-_—]*[A-Za-z0-9]{5}){3}(?![A-Za-z0-9])")
# What a receipt never holds ("0" and "O", "1" and "I" are easily mixed up), for telling so.
NEVER_IN_A_RECEIPT = " ".join(sorted(set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ") - set(ALPHABET)))


def mistyped_receipt(text: str) -> bool:
    """Whether a message holds what is shaped as a receipt but is none (a character that no
    receipt holds: "ABCDE-FGHJK-LMNPQ-RSTUV")."""
    found = _RECEIPT_SHAPED.search(unicodedata.normalize("NFKC", text))
    return found is not None and canonical(found.group(0)) is None
