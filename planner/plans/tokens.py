"""Secret link tokens: 256 random bits each; only their SHA-256 hashes are ever stored.

A plan has one edit token (the owner's link) and any number of view tokens
(one per person it is shared with). A token is the only key to a plan, so it
must never be guessable, never be stored as it is, and never reach a log.
"""

from __future__ import annotations

import hashlib
import re
import secrets

__all__ = ["TOKEN_BYTES", "TOKEN_RE", "new_token", "redact", "token_hash"]

TOKEN_BYTES = 32
#: ``secrets.token_urlsafe(32)`` gives 43 characters of URL-safe base64.
TOKEN_RE = r"[A-Za-z0-9_-]{43}"
_IN_PATH = re.compile(r"(/(?:plans|shared)/)[A-Za-z0-9_-]{16,}")


def new_token() -> str:
    """A fresh token from the operating system's cryptographic random source."""
    return secrets.token_urlsafe(TOKEN_BYTES)


def token_hash(token: str) -> str:
    """What the database keeps instead of the token.

    >>> len(token_hash("x" * 43))
    64
    """
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def redact(text: str) -> str:
    """Text with any plan or share token in a path replaced, for logs.

    >>> redact('GET /plans/' + 'a' * 43 + '.pdf HTTP/1.1')
    'GET /plans/[redacted].pdf HTTP/1.1'
    """
    return _IN_PATH.sub(r"\1[redacted]", text)
