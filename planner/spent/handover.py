"""Handing the spent form from its POST to the page that answers it, without keeping it.

Without JavaScript, an answer sent straight back to a POST is a page the browser cannot show
again: Back to it (or from it, to an earlier POST) is Chrome's "Confirm Form Resubmission"
error. So the POST answers with a redirect to a plain page, and what was typed rides along in
one cookie that lives for that single hop: sealed here (compressed, encrypted and
authenticated with a key only the server has), opened once by the answer page, which deletes
it. Nothing typed reaches the address bar, the history, a log or the database; going back to
the answer page later finds no cookie, and says the answer is not kept.

The seal is a stream cipher made from keyed BLAKE2b (a pseudorandom function) in counter
mode, then a keyed BLAKE2b tag over the nonce, the time and the ciphertext (encrypt then
MAC); only the standard library is used. A seal older than ``max_age`` seconds, or changed
in any way, opens to ``None``.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import struct
import zlib
from collections.abc import Iterable

__all__ = ["COOKIE", "MAX_SEALED", "open_form", "open_sealed", "seal", "seal_form"]

#: The cookie's name: short-lived, one per browser, for the answer page only.
COOKIE = "spent_once"
#: Browsers keep cookies of at most 4,096 bytes; past this the POST answers directly.
MAX_SEALED = 3800

_NONCE = 16
_TAG = 32


def _keys(secret: str) -> tuple[bytes, bytes]:
    """Two independent keys (one to encrypt, one to authenticate) from the app's secret."""
    base = hashlib.blake2b(secret.encode(), digest_size=32, person=b"planner-spent").digest()
    enc = hashlib.blake2b(b"encrypt", key=base, digest_size=32).digest()
    mac = hashlib.blake2b(b"authenticate", key=base, digest_size=32).digest()
    return enc, mac


def _stream(key: bytes, nonce: bytes, length: int) -> bytes:
    blocks = []
    for counter in range((length + 63) // 64):
        blocks.append(hashlib.blake2b(nonce + struct.pack(">Q", counter), key=key).digest())
    return b"".join(blocks)[:length]


def seal(data: bytes, secret: str, now: int) -> str:
    """``data`` encrypted and authenticated, as cookie-safe text, stamped with ``now``.

    >>> token = seal(b"hello", "k" * 32, now=1000)
    >>> open_sealed(token, "k" * 32, now=1010, max_age=60)
    b'hello'
    >>> open_sealed(token, "k" * 32, now=1100, max_age=60) is None
    True
    """
    enc, mac = _keys(secret)
    nonce = secrets.token_bytes(_NONCE)
    body = zlib.compress(data, 9)
    cipher = bytes(a ^ b for a, b in zip(body, _stream(enc, nonce, len(body)), strict=True))
    stamp = struct.pack(">Q", now)
    tag = hashlib.blake2b(nonce + stamp + cipher, key=mac, digest_size=_TAG).digest()
    return base64.urlsafe_b64encode(nonce + stamp + cipher + tag).decode().rstrip("=")


def open_sealed(token: str, secret: str, now: int, max_age: int) -> bytes | None:
    """What :func:`seal` sealed, or ``None`` if it was changed, is too old, or is not a seal."""
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
    except (ValueError, TypeError):
        return None
    if len(raw) < _NONCE + 8 + _TAG:
        return None
    nonce, stamp, cipher, tag = raw[:_NONCE], raw[_NONCE:24], raw[24:-_TAG], raw[-_TAG:]
    enc, mac = _keys(secret)
    expected = hashlib.blake2b(nonce + stamp + cipher, key=mac, digest_size=_TAG).digest()
    if not hmac.compare_digest(tag, expected):
        return None
    (sealed_at,) = struct.unpack(">Q", stamp)
    if not 0 <= now - sealed_at <= max_age:
        return None
    body = bytes(a ^ b for a, b in zip(cipher, _stream(enc, nonce, len(cipher)), strict=True))
    try:
        return zlib.decompress(body)
    except zlib.error:
        return None


def seal_form(items: Iterable[tuple[str, str]], secret: str, now: int) -> str:
    """A form's (name, value) pairs, sealed."""
    return seal(json.dumps(list(items), separators=(",", ":")).encode(), secret, now)


def open_form(token: str, secret: str, now: int, max_age: int) -> list[tuple[str, str]] | None:
    """The (name, value) pairs :func:`seal_form` sealed, or ``None``."""
    data = open_sealed(token, secret, now, max_age)
    if data is None:
        return None
    try:
        pairs = json.loads(data)
    except ValueError:
        return None
    if not isinstance(pairs, list) or not all(
        isinstance(p, list) and len(p) == 2 and all(isinstance(x, str) for x in p) for p in pairs
    ):
        return None
    return [(name, value) for name, value in pairs]
