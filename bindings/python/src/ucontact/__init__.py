"""Log in to a uContact contact-center instance and get its API token.

A thin ctypes binding of libucontact, the native library, which this package carries::

    import ucontact

    token = ucontact.get_user_token("acme", "agent7", password)

`get_user_token` uses the library's defaults; `Client` has its own timeouts, CA file, proxy
and user agent. Failures raise a subclass of `UContactError`, whose ``code`` is an
`ErrorCode`. The library is loaded from ``$UCONTACT_LIBRARY``, else from this package, else
from the system's search path (``libucontact.so.0``); `library_path` tells which.
"""

from ._client import Client
from ._errors import (
    AuthRejectedError,
    BadResponseError,
    ErrorCode,
    HTTPStatusError,
    InvalidArgumentError,
    InvalidDomainError,
    NetworkError,
    RequestTimeoutError,
    TLSError,
    UContactError,
    strerror,
)
from ._login import get_user_token, library_path, version

# The package's version: equal to the crate's in Cargo.toml (tests/test_consistency.py).
__version__ = "0.1.0"

__all__ = [
    "AuthRejectedError",
    "BadResponseError",
    "Client",
    "ErrorCode",
    "HTTPStatusError",
    "InvalidArgumentError",
    "InvalidDomainError",
    "NetworkError",
    "RequestTimeoutError",
    "TLSError",
    "UContactError",
    "__version__",
    "get_user_token",
    "library_path",
    "strerror",
    "version",
]
