"""The library's result codes and the exceptions they become."""

from __future__ import annotations

import ctypes
import enum
from typing import Any

from . import _native


class ErrorCode(enum.IntEnum):
    """The result codes of include/ucontact.h, with the same values (``UCONTACT_ERR_X`` is
    ``ErrorCode.X``). The values never change between releases."""

    OK = 0
    INVALID_ARGUMENT = 101
    INVALID_UTF8 = 102
    INVALID_DOMAIN = 103
    BUFFER_TOO_SMALL = 104
    CA_FILE = 105
    INVALID_PROXY = 106
    CONNECT = 201
    TIMEOUT = 202
    TLS = 203
    AUTH_REJECTED = 301
    HTTP_STATUS = 302
    BAD_RESPONSE = 401
    INTERNAL = 901

    @property
    def header_name(self) -> str:
        """The name of the code in the C header, such as ``"UCONTACT_ERR_TIMEOUT"``."""
        return "UCONTACT_OK" if self is ErrorCode.OK else f"UCONTACT_ERR_{self.name}"


def strerror(code: int) -> str:
    """The library's fixed description of a result code, such as ``"the request timed out"``;
    ``"unknown ucontact error code"`` for a value it does not know."""
    description: bytes = _native.lib.ucontact_strerror(code)
    return description.decode("utf-8")


class UContactError(Exception):
    """A login or a setting failed. The base of every error this package raises for a result
    code; a code with no subclass of its own (``BUFFER_TOO_SMALL``, ``INTERNAL``, or one this
    version does not know) is raised as this class itself.

    Attributes:
        code: the result code, an `ErrorCode` (a plain ``int`` for an unknown value).
        message: what went wrong, in words (the step, the host, the HTTP status); never the
            password, the request body or a token.
    """

    code: ErrorCode | int
    message: str

    def __init__(self, code: int, message: str) -> None:
        super().__init__(message)
        try:
            self.code = ErrorCode(code)
        except ValueError:
            self.code = code
        self.message = message

    def __str__(self) -> str:
        if isinstance(self.code, ErrorCode):
            return f"{self.message} [{self.code.header_name}]"
        return f"{self.message} [unknown ucontact error code {self.code}]"

    def __repr__(self) -> str:
        return f"{type(self).__name__}(code={int(self.code)}, message={self.message!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        # Rebuilt from (code, message), so that it survives pickling, as multiprocessing does.
        return (type(self), (int(self.code), self.message))


class InvalidArgumentError(UContactError, ValueError):
    """An argument was refused before any network work: None, an empty user or password, a
    string that is not UTF-8 (``INVALID_UTF8``) or holds a NUL character, an unusable
    timeout, CA file (``CA_FILE``), proxy (``INVALID_PROXY``) or user agent, or a closed
    `Client`."""


class InvalidDomainError(InvalidArgumentError):
    """The domain is none of the accepted forms (``INVALID_DOMAIN``); nothing was sent."""


class NetworkError(UContactError, ConnectionError):
    """The connection failed: DNS look-up, refused, reset or dropped (``CONNECT``)."""


class TLSError(NetworkError):
    """The TLS handshake failed, or the server's certificate is not trusted (``TLS``)."""


class RequestTimeoutError(UContactError, TimeoutError):
    """The connect or total timeout passed (``TIMEOUT``)."""


class AuthRejectedError(UContactError):
    """The server refused the login: wrong user name or password (``AUTH_REJECTED``)."""


class HTTPStatusError(UContactError):
    """The server answered an HTTP status other than 2xx, or a redirect that is not followed
    (``HTTP_STATUS``); the message holds the status."""


class BadResponseError(UContactError):
    """The reply is not a token reply, or is too large (``BAD_RESPONSE``)."""


_CLASS_OF_CODE: dict[int, type[UContactError]] = {
    ErrorCode.INVALID_ARGUMENT: InvalidArgumentError,
    ErrorCode.INVALID_UTF8: InvalidArgumentError,
    ErrorCode.INVALID_DOMAIN: InvalidDomainError,
    ErrorCode.CA_FILE: InvalidArgumentError,
    ErrorCode.INVALID_PROXY: InvalidArgumentError,
    ErrorCode.CONNECT: NetworkError,
    ErrorCode.TIMEOUT: RequestTimeoutError,
    ErrorCode.TLS: TLSError,
    ErrorCode.AUTH_REJECTED: AuthRejectedError,
    ErrorCode.HTTP_STATUS: HTTPStatusError,
    ErrorCode.BAD_RESPONSE: BadResponseError,
}


def error_for(code: int, message: str) -> UContactError:
    """The exception for a failure `code` with `message`: the subclass of its kind, or
    `UContactError` itself for a code without one."""
    return _CLASS_OF_CODE.get(code, UContactError)(code, message)


def last_error_message() -> str:
    """This thread's last failure in the library's words (``""`` if none yet)."""
    buffer = ctypes.create_string_buffer(_native.ERROR_BUFFER_SIZE)  # always holds it whole
    _native.lib.ucontact_last_error_message(buffer, len(buffer))
    return buffer.value.decode("utf-8", errors="replace")


def error_from_library(code: int) -> UContactError:
    """The exception for a `code` that a native call just returned on this thread, with the
    message the library kept for that failure."""
    return error_for(code, last_error_message())
