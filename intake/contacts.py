"""Contact details at rest: sealed with a purpose key, bound to their case number."""

from __future__ import annotations

import json

from intake.crypto import Sealer
from intake.drafts import ContactDetails
from intake.settings import Settings

PURPOSE = "contact"


def _sealer(settings: Settings) -> Sealer:
    return Sealer.for_purpose(settings.keys.encryption_key, PURPOSE)


def seal_contact(settings: Settings, *, case_number: str, contact: ContactDetails) -> bytes:
    payload = {"name": contact.name, "phone": contact.phone, "email": contact.email}
    plaintext = json.dumps(payload, ensure_ascii=False).encode()
    return _sealer(settings).seal(plaintext, aad=case_number.encode())


def open_contact(settings: Settings, *, case_number: str, ciphertext: bytes) -> ContactDetails:
    raw = json.loads(_sealer(settings).open(ciphertext, aad=case_number.encode()))
    return ContactDetails(name=raw.get("name"), phone=raw.get("phone"), email=raw.get("email"))
