"""The one-call login, and the conversions every native call shares."""

from __future__ import annotations

import ctypes
from collections.abc import Callable

from . import _native
from ._errors import ErrorCode, InvalidArgumentError, error_from_library


def encode_argument(name: str, value: object) -> bytes | None:
    """`value` as the NUL-terminated UTF-8 the library takes, or None (NULL, which the
    library refuses with ``INVALID_ARGUMENT`` in its own words).

    A lone surrogate, which a str can hold but UTF-8 cannot, is passed on as its three-byte
    form (``"surrogatepass"``): no UTF-8 decoder accepts those bytes, so the library refuses
    them with ``INVALID_UTF8`` and records that code and its message, as for any failure.

    Raises TypeError for anything but a str or None, and InvalidArgumentError for a str that
    holds a NUL (ctypes would silently cut it there). No message holds the value, which may
    be a password.
    """
    if value is None:
        return None
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a str, not {type(value).__name__}")
    if "\0" in value:
        raise InvalidArgumentError(ErrorCode.INVALID_ARGUMENT, f"{name} holds a NUL character")
    return value.encode("utf-8", "surrogatepass")


def call_for_token(call: Callable[[ctypes.Array[ctypes.c_char], int], int]) -> str:
    """Runs `call(out_buf, len)`, a native login, and returns the token it wrote, or raises
    the exception for the code it returned. The buffer is wiped before it is let go."""
    buffer = ctypes.create_string_buffer(_native.TOKEN_BUFFER_SIZE)
    try:
        code = call(buffer, len(buffer))
        if code != ErrorCode.OK:
            raise error_from_library(code)
        return buffer.value.decode("ascii")
    finally:
        ctypes.memset(buffer, 0, len(buffer))


def get_user_token(domain: str, user: str, password: str) -> str:
    """Logs in to a uContact instance and returns its API token.

    Sends the user name and password, form-encoded as UTF-8 exactly as given, in
    ``POST /Integra/resources/auth/getUserToken`` over HTTPS, and returns the token of the
    reply. Later API calls send it as ``Authorization: Basic <token>``; treat it as a secret.

    Args:
        domain: an instance name such as ``"acme"`` (``https://acme.ucontactcloud.com``), a
            host name with dots for an on-premise server, or an origin URL
            ``"https://host[:port]"`` (``"http://"`` only for loopback hosts).
        user: the user name, not empty.
        password: the password, not empty. It never appears in an exception.

    Blocks for at most the library's default timeouts (10 s to connect, 30 s in all),
    without holding the GIL; safe to call from many threads at once. Use `Client` for other
    timeouts, a private CA, a proxy or a user agent.

    Raises:
        InvalidDomainError: `domain` is none of the forms above; nothing was sent.
        InvalidArgumentError: an argument is None, empty, holds a NUL character or is not
            UTF-8 (a lone surrogate).
        TypeError: an argument is neither a str nor None.
        AuthRejectedError: wrong user name or password.
        NetworkError: the connection failed; TLSError: the TLS handshake or certificate.
        RequestTimeoutError: a timeout passed.
        HTTPStatusError: a status other than 2xx.
        BadResponseError: the reply is not a token reply.
        UContactError: any other code (a bug in the library: ``INTERNAL``).
    """
    domain_bytes = encode_argument("domain", domain)
    user_bytes = encode_argument("user", user)
    password_bytes = encode_argument("password", password)
    return call_for_token(
        lambda buffer, length: _native.lib.ucontact_get_user_token(
            domain_bytes, user_bytes, password_bytes, buffer, length
        )
    )


def version() -> str:
    """The version of the loaded native library, ``"MAJOR.MINOR.PATCH"``."""
    text: bytes = _native.lib.ucontact_version()
    return text.decode("ascii")


def library_path() -> str:
    """What the native library was loaded from: the path of the file, or ``libucontact.so.0``
    when the system's search path supplied it."""
    return _native.loaded_from
