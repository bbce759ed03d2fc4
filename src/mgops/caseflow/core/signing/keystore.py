"""The head's PKCS#12 keystore, opened with the password typed at signing time.

The password only passes through: it is never stored, logged or put into an error,
and the library's own error is dropped so no traceback carries the keystore's bytes.

Opening a keystore costs about 60 ms of CPU (the PKCS#12 key derivation and
OpenSSL's consistency check of the RSA private key), half of what a whole signing
request may cost. ``unlock_keystore`` therefore keeps an opened keystore in the
memory of this process for a short while (``UNLOCKED_TTL``, like an SSH agent) and
reuses it while the same keystore bytes are opened with the same password:

* the password is still checked at every signing: the cache holds only an
  HMAC-SHA256 of it under a random key made when the process starts (never
  written anywhere, so the digest is of no use outside this process), compared in
  constant time; any mismatch opens the keystore from its bytes as before, so a
  wrong password fails exactly as it always did;
* the entry is keyed by the user *and* the SHA-256 of the stored keystore bytes:
  a replaced keystore is opened afresh, never served from the cache;
* the key that signs is the one OpenSSL checked when the keystore was opened;
  ``signing.xades.sign`` still checks it against the certificate every time, and
  the signature is verified before anything is stored.

What it changes: the opened private key stays in this process's memory for up to
``UNLOCKED_TTL`` seconds after its last use instead of only during a request. Set
``UNLOCKED_TTL = 0`` to open the keystore at every signing.
"""

import hashlib
import hmac
import os
import threading
import time
from dataclasses import dataclass

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12

from mgops.caseflow.core.signing.errors import KeystoreError


@dataclass(frozen=True, repr=False)
class Keystore:
    """The signing key, its certificate and the CA certificates that came with it."""

    private_key: rsa.RSAPrivateKey
    certificate: x509.Certificate
    chain: tuple[x509.Certificate, ...]


def load_keystore(data: bytes, password: str) -> Keystore:
    """Open a PKCS#12 keystore; raise ``KeystoreError`` if it cannot sign decisions."""
    try:
        loaded = pkcs12.load_pkcs12(data, password.encode("utf-8") or None)
    except ValueError:
        raise KeystoreError(
            "keystore_password_wrong",
            "The keystore could not be opened: the password is wrong "
            "or the file is not a PKCS#12 keystore.",
        ) from None
    if loaded.key is None or loaded.cert is None:
        raise KeystoreError(
            "keystore_incomplete",
            "The keystore must hold a private key and its certificate.",
        )
    if not isinstance(loaded.key, rsa.RSAPrivateKey):
        raise KeystoreError(
            "key_not_rsa",
            "Only RSA keys can sign decisions.",
        )
    return Keystore(
        private_key=loaded.key,
        certificate=loaded.cert.certificate,
        chain=tuple(extra.certificate for extra in loaded.additional_certs),
    )


#: seconds an opened keystore is kept after its last use (0: never kept)
UNLOCKED_TTL = 300
#: at most this many opened keystores are kept (one per head and keystore)
UNLOCKED_MAX = 16

_PROCESS_KEY = os.urandom(32)
_unlocked: dict[tuple[str, bytes], tuple[bytes, Keystore, float]] = {}
_unlocked_lock = threading.Lock()


def _password_digest(password: str) -> bytes:
    return hmac.new(_PROCESS_KEY, password.encode("utf-8"), hashlib.sha256).digest()


def unlock_keystore(user_id: str, data: bytes, password: str) -> Keystore:
    """``load_keystore``, reusing a keystore this process opened recently with
    the same bytes and password (see the module's docstring)."""
    key = (user_id, hashlib.sha256(data).digest())
    digest = _password_digest(password)
    now = time.monotonic()
    with _unlocked_lock:
        entry = _unlocked.get(key)
        if entry is not None and now - entry[2] > UNLOCKED_TTL:
            del _unlocked[key]
            entry = None
    if entry is not None and hmac.compare_digest(entry[0], digest):
        with _unlocked_lock:
            _unlocked[key] = (digest, entry[1], now)
        return entry[1]
    keystore = load_keystore(data, password)
    if UNLOCKED_TTL > 0:
        with _unlocked_lock:
            for stale in [k for k, v in _unlocked.items() if now - v[2] > UNLOCKED_TTL]:
                del _unlocked[stale]
            while len(_unlocked) >= UNLOCKED_MAX:
                del _unlocked[min(_unlocked, key=lambda k: _unlocked[k][2])]
            _unlocked[key] = (digest, keystore, now)
    return keystore


def forget_unlocked_keystores() -> None:
    """Drop every opened keystore this process keeps (tests, key rotation)."""
    with _unlocked_lock:
        _unlocked.clear()
