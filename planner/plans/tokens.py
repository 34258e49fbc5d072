"""Secret link tokens: 256 random bits each; only their SHA-256 hashes are ever stored.

A plan has one edit token (the owner's link) and any number of view tokens
(one per person it is shared with). A token is the only key to a plan, so it
must never be guessable, never be stored as it is, and never reach a log
(:mod:`planner.web.logs` takes tokens out of every log line).
"""

from __future__ import annotations

import hashlib
import secrets

__all__ = ["TOKEN_BYTES", "TOKEN_RE", "new_token", "token_hash"]

TOKEN_BYTES = 32
#: ``secrets.token_urlsafe(32)`` gives 43 characters of URL-safe base64.
TOKEN_RE = r"[A-Za-z0-9_-]{43}"


def new_token() -> str:
    """A fresh token from the operating system's cryptographic random source."""
    return secrets.token_urlsafe(TOKEN_BYTES)


def token_hash(token: str) -> str:
    """What the database keeps instead of the token.

    >>> len(token_hash("x" * 43))
    64
    """
    return hashlib.sha256(token.encode("utf-8")).hexdigest()
