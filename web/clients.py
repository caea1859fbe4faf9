"""Who is asking, without keeping who they are: a keyed hash of the client address.

Rate limits and the domain's receipt throttle need a stable key per client, but an IP
address is personal data that a tipster must not leave behind. Only an HMAC of the address
under the session key (truncated) is ever used as a key or stored; the address itself is
read here and nowhere else.
"""

from __future__ import annotations

import hashlib
import hmac

from flask import current_app, request


def client_hash() -> str:
    """A short keyed hash of the remote address: stable per client, useless to a reader."""
    secret: bytes = current_app.config["FOODSAFE_CLIENT_KEY"]
    address = (request.remote_addr or "unknown").encode()
    return hmac.new(secret, address, hashlib.sha256).hexdigest()[:24]


def limit_key(name: str) -> str:
    """A rate-limit key in this app's namespace (several apps may share one Redis)."""
    return f"{current_app.config['FOODSAFE_LIMIT_NAMESPACE']}:{name}"


def client_key() -> str:
    """The rate-limit key of the client (its keyed hash, in the app's namespace)."""
    return limit_key(client_hash())
