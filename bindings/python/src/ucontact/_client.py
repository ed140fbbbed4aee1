"""The configurable login client: one ``ucontact_client`` handle and its settings."""

from __future__ import annotations

import math
import os
import threading
import weakref
from collections.abc import Callable
from types import TracebackType
from typing import Any

from . import _native
from ._errors import ErrorCode, InvalidArgumentError, error_from_library
from ._login import call_for_token, encode_argument

# Every live client, so that a forked child can renew their locks (see _renew_after_fork).
_live_clients: weakref.WeakSet[Client] = weakref.WeakSet()


class Client:
    """A login client for one uContact origin, with its own timeouts, trusted CA, proxy and
    user agent, and its own pool of connections.

    Use it as a context manager, or call `close` when done; a client that is garbage
    collected unclosed is freed then. Settings are keyword arguments here or the ``set_*``
    methods later::

        with ucontact.Client("acme", total_timeout=5, ca_file="/etc/ssl/acme-ca.pem") as client:
            token = client.get_user_token("agent7", password)

    Many threads may call `get_user_token` at once. The setters and `close` wait until the
    logins in progress have ended, and logins that start meanwhile wait for them, as the C
    API requires.

    Args:
        domain: the forms of `ucontact.get_user_token`.
        connect_timeout: seconds allowed to set up a connection (TCP and TLS); default 10,
            but never more than `total_timeout`.
        total_timeout: seconds allowed for a whole login, to the last byte of the reply;
            default 30.
        ca_file: a PEM file of certificates to trust besides the system's roots, read now.
        proxy: None (the default) takes it from ``HTTPS_PROXY``/``ALL_PROXY``/``NO_PROXY``;
            ``""`` uses none; ``"http://host:port"`` or ``"https://host:port"`` uses that one.
            Loopback origins never use a proxy from the environment (it would reach its own
            loopback), and plain-HTTP ones never use any.
        user_agent: the ``User-Agent`` header, printable ASCII (default ``ucontact/VERSION``).

    Raises:
        InvalidDomainError: `domain` is none of the accepted forms.
        InvalidArgumentError: `domain` is None, holds a NUL character or is not UTF-8 (a lone
            surrogate), or a setting is refused (see the ``set_*`` methods).
        TypeError: `domain` is neither a str nor None.
        UContactError: a bug in the library (``INTERNAL``).
    """

    def __init__(
        self,
        domain: str,
        *,
        connect_timeout: float | None = None,
        total_timeout: float | None = None,
        ca_file: str | os.PathLike[str] | None = None,
        proxy: str | None = None,
        user_agent: str | None = None,
    ) -> None:
        self._domain = domain
        self._connect_ms = _native.DEFAULT_CONNECT_TIMEOUT_MS
        self._total_ms = _native.DEFAULT_TOTAL_TIMEOUT_MS
        self._state = threading.Condition()
        self._logins_in_progress = 0
        self._handle: Any = None

        domain_bytes = encode_argument("domain", domain)
        handle = _native.lib.ucontact_client_new(domain_bytes)
        if not handle:
            raise error_from_library(_native.lib.ucontact_last_error_code())
        self._handle = handle
        self._free = weakref.finalize(self, _native.lib.ucontact_client_free, handle)
        self._free.atexit = False  # at exit, a daemon thread may still be using it
        _live_clients.add(self)

        try:
            if connect_timeout is not None or total_timeout is not None:
                self.set_timeouts(connect=connect_timeout, total=total_timeout)
            if ca_file is not None:
                self.set_ca_file(ca_file)
            if proxy is not None:
                self.set_proxy(proxy)
            if user_agent is not None:
                self.set_user_agent(user_agent)
        except BaseException:
            self.close()
            raise

    @property
    def domain(self) -> str:
        """The domain the client was made for."""
        return self._domain

    @property
    def closed(self) -> bool:
        """True once `close` has run."""
        return self._handle is None

    def get_user_token(self, user: str, password: str) -> str:
        """Logs in as `user` and returns the API token: as `ucontact.get_user_token`, with
        this client's settings. Blocks for at most the total timeout, without the GIL.

        Raises the exceptions of `ucontact.get_user_token`, and InvalidArgumentError when the
        client is closed.
        """
        user_bytes = encode_argument("user", user)
        password_bytes = encode_argument("password", password)
        with self._state:
            handle = self._live_handle()
            self._logins_in_progress += 1
        try:
            return call_for_token(
                lambda buffer, length: _native.lib.ucontact_client_get_user_token(
                    handle, user_bytes, password_bytes, buffer, length
                )
            )
        finally:
            with self._state:
                self._logins_in_progress -= 1
                self._state.notify_all()

    def set_timeouts(self, connect: float | None = None, total: float | None = None) -> None:
        """Sets the connect timeout (TCP and TLS set-up) and the total timeout (one whole
        login), in seconds, with millisecond precision. None keeps a value as it is, except
        that a connect timeout left as it is shrinks to a new, shorter total timeout.

        Raises InvalidArgumentError for a value under 1 ms, over 2**32-1 ms or not finite,
        or a connect timeout longer than the total one; the settings are then unchanged.
        """
        total_ms = self._total_ms if total is None else _milliseconds("total", total)
        if connect is None:
            connect_ms = min(self._connect_ms, total_ms)
        else:
            connect_ms = _milliseconds("connect", connect)

        self._set(
            lambda handle: _native.lib.ucontact_client_set_timeouts(handle, connect_ms, total_ms)
        )
        self._connect_ms, self._total_ms = connect_ms, total_ms

    def set_ca_file(self, path: str | os.PathLike[str]) -> None:
        """Trusts the certificates of the PEM file at `path` besides the system's roots (for a
        private certificate authority). Certificate checks stay on. The file is read now.

        Raises InvalidArgumentError, with code ``CA_FILE`` for a file that is missing,
        unreadable or holds no certificate; the settings are then unchanged.
        """
        path_bytes = encode_argument("ca_file", os.fspath(path))
        self._set(lambda handle: _native.lib.ucontact_client_set_ca_file(handle, path_bytes))

    def set_proxy(self, url: str | None) -> None:
        """Chooses the proxy for HTTPS: None from the environment (the default), ``""`` none,
        or a URL ``http://host:port`` / ``https://host:port``, tunnelled through with CONNECT.

        Raises InvalidArgumentError, with code ``INVALID_PROXY`` for a URL of another form.
        """
        url_bytes = encode_argument("proxy", url)
        self._set(lambda handle: _native.lib.ucontact_client_set_proxy(handle, url_bytes))

    def set_user_agent(self, user_agent: str) -> None:
        """Sets the ``User-Agent`` header. Raises InvalidArgumentError unless it is non-empty
        printable ASCII."""
        agent_bytes = encode_argument("user_agent", user_agent)
        self._set(lambda handle: _native.lib.ucontact_client_set_user_agent(handle, agent_bytes))

    def close(self) -> None:
        """Frees the client and closes its connections, once the logins in progress have
        ended. Calling it again does nothing; any other use afterwards raises
        InvalidArgumentError."""
        with self._state:
            self._state.wait_for(lambda: self._logins_in_progress == 0)
            if self._handle is not None:
                self._handle = None
                self._free()

    def __enter__(self) -> Client:
        with self._state:
            self._live_handle()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        state = "closed" if self.closed else "open"
        return f"<ucontact.Client {self._domain!r} {state}>"

    def _live_handle(self) -> Any:
        """The handle; the caller holds self._state."""
        if self._handle is None:
            raise InvalidArgumentError(ErrorCode.INVALID_ARGUMENT, "the client is closed")
        return self._handle

    def _set(self, call: Callable[[Any], int]) -> None:
        """Runs a native setter once no login is in progress, holding off new ones."""
        with self._state:
            self._state.wait_for(lambda: self._logins_in_progress == 0)
            code = call(self._live_handle())
            if code != ErrorCode.OK:
                raise error_from_library(code)


def _milliseconds(name: str, seconds: float) -> int:
    if isinstance(seconds, bool) or not isinstance(seconds, (int, float)):
        raise TypeError(
            f"the {name} timeout must be a number of seconds, not {type(seconds).__name__}"
        )
    milliseconds = round(seconds * 1000) if math.isfinite(seconds) else 0
    if not 1 <= milliseconds <= _native.MAX_TIMEOUT_MS:
        raise InvalidArgumentError(
            ErrorCode.INVALID_ARGUMENT,
            f"the {name} timeout must be between 0.001 and {_native.MAX_TIMEOUT_MS / 1000} seconds",
        )
    return milliseconds


def _renew_after_fork() -> None:
    # A lock held by another thread at fork() stays held forever in the child, where that
    # thread does not exist: give every client fresh state. The library itself handles the
    # fork (the child opens its own connections).
    for client in list(_live_clients):
        client._state = threading.Condition()
        client._logins_in_progress = 0


os.register_at_fork(after_in_child=_renew_after_fork)
