"""Pseudonyms: what staff see instead of a reporter's platform identity.

A keyed hash of (platform, platform user id) gives the same ``R-7KQ2-M9XD`` for the same
person every time, so staff can recognise a repeat reporter without ever learning who it
is; without the pseudonym key the id cannot be recovered or confirmed.

The web has no platform identity, but a complaint must give a phone or e-mail for mediation:
its normalised contact gets a pseudonym of the same shape under a key derived for that
purpose alone, so a serial complainant on the web is recognised too (clause 三十) while the
two kinds of pseudonym can never be matched against each other.
"""

from __future__ import annotations

import hashlib
import hmac
import re

from intake.drafts import ContactDetails
from intake.receipts import ALPHABET

CONTACT_PURPOSE = b"foodsafe/contact-pseudonym/v1"
PATTERN = re.compile(rf"^R-[{ALPHABET}]{{4}}-[{ALPHABET}]{{4}}$")


def pseudonym(key: bytes, platform: str, platform_user_id: str) -> str:
    """The stable pseudonym of one platform identity."""
    message = f"{platform.strip().lower()}\x00{platform_user_id.strip()}".encode()
    return _render(hmac.new(key, message, hashlib.sha256).digest())


def contact_pseudonym(key: bytes, contact: ContactDetails) -> str | None:
    """The stable pseudonym of a complainant's contact (phone first, else e-mail), or None."""
    handle = contact_handle(contact)
    if handle is None:
        return None
    purpose_key = hmac.new(key, CONTACT_PURPOSE, hashlib.sha256).digest()
    return _render(hmac.new(purpose_key, handle.encode(), hashlib.sha256).digest())


def contact_handle(contact: ContactDetails) -> str | None:
    """The contact as one person writes it many ways: phone digits without +86, e-mail lower."""
    digits = re.sub(r"\D", "", contact.phone or "")
    if digits.startswith("0086"):
        digits = digits[4:]
    elif digits.startswith("86") and len(digits) == 13:
        digits = digits[2:]
    if digits:
        return f"phone:{digits}"
    email = (contact.email or "").strip().lower()
    return f"email:{email}" if email else None


def _render(digest: bytes) -> str:
    number = int.from_bytes(digest, "big")
    chars = []
    for _ in range(8):
        number, index = divmod(number, len(ALPHABET))
        chars.append(ALPHABET[index])
    return f"R-{''.join(chars[:4])}-{''.join(chars[4:])}"
