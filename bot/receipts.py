"""Finding a case's receipt in a message, however it was typed, and what else was said.

A receipt may come in any case, width, spacing or dashes, alone or inside a sentence; the
menu and the status step need it in its stored form, and the rest of the message apart from
it.
"""

from __future__ import annotations

import re
import unicodedata

from intake.receipts import canonical
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
