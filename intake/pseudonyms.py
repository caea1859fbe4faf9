"""Pseudonyms: what staff see instead of a reporter's platform identity.

A keyed hash of (platform, platform user id) gives the same ``R-7KQ2-M9XD`` for the same
person every time, so staff can recognise a repeat reporter without ever learning who it
is; without the pseudonym key the id cannot be recovered or confirmed.
"""

from __future__ import annotations

import hashlib
import hmac
import re

from intake.receipts import ALPHABET

PATTERN = re.compile(rf"^R-[{ALPHABET}]{{4}}-[{ALPHABET}]{{4}}$")


def pseudonym(key: bytes, platform: str, platform_user_id: str) -> str:
    """The stable pseudonym of one platform identity."""
    message = f"{platform.strip().lower()}\x00{platform_user_id.strip()}".encode()
    number = int.from_bytes(hmac.new(key, message, hashlib.sha256).digest(), "big")
    chars = []
    for _ in range(8):
        number, index = divmod(number, len(ALPHABET))
        chars.append(ALPHABET[index])
    return f"R-{''.join(chars[:4])}-{''.join(chars[4:])}"
