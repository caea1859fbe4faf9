"""Sealing small secrets at rest: AES-GCM with a key derived per purpose.

One master key (``settings.keys.encryption_key``) yields an independent key for each
purpose (contacts, TOTP secrets, attachment originals, the bot's notifier addresses) via
HKDF, so a key leaked for one purpose opens nothing else.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

_VERSION = b"\x01"
_NONCE_BYTES = 12


class SealBroken(ValueError):
    """The ciphertext was altered or sealed with another key."""


def derive_key(master: bytes, purpose: str) -> bytes:
    """A 256-bit key for ``purpose`` only."""
    hkdf = HKDF(
        algorithm=hashes.SHA256(), length=32, salt=None, info=b"foodsafe/" + purpose.encode()
    )
    return hkdf.derive(master)


@dataclass(frozen=True, repr=False)
class Sealer:
    """Seal and open bytes for one purpose; ``aad`` binds a ciphertext to its row."""

    key: bytes

    @classmethod
    def for_purpose(cls, master: bytes, purpose: str) -> Sealer:
        return cls(derive_key(master, purpose))

    def __repr__(self) -> str:
        return "Sealer(<hidden>)"

    def seal(self, plaintext: bytes, aad: bytes = b"") -> bytes:
        nonce = os.urandom(_NONCE_BYTES)
        return _VERSION + nonce + AESGCM(self.key).encrypt(nonce, plaintext, aad)

    def open(self, sealed: bytes, aad: bytes = b"") -> bytes:
        if not sealed.startswith(_VERSION):
            raise SealBroken("unknown seal version")
        nonce = sealed[1 : 1 + _NONCE_BYTES]
        try:
            return AESGCM(self.key).decrypt(nonce, sealed[1 + _NONCE_BYTES :], aad)
        except InvalidTag as exc:
            raise SealBroken("ciphertext does not open") from exc
