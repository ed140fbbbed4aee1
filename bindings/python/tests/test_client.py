"""Client: its options reach the library, bad options are refused, and its handle is freed
once and only once."""

from __future__ import annotations

import gc
import subprocess
import sys
import threading
import weakref

import pytest

import ucontact
from ucontact import ErrorCode, _native

from conftest import DEMO_PASSWORD, DEMO_TOKEN, DEMO_USER, python_env
from test_errors import closed_port


def test_sends_the_default_user_agent(start):
    server = start()
    with ucontact.Client(server.url) as client:
        client.get_user_token(DEMO_USER, DEMO_PASSWORD)
    assert server.requests()[0]["user_agent"] == f"ucontact/{ucontact.version()}"


def test_user_agent_option_and_setter(start):
    server = start()
    with ucontact.Client(server.url, user_agent="acme-crm/2.1") as client:
        client.get_user_token(DEMO_USER, DEMO_PASSWORD)
        client.set_user_agent("acme-crm/2.2 (nightly)")
        client.get_user_token(DEMO_USER, DEMO_PASSWORD)
    agents = [request["user_agent"] for request in server.requests()]
    assert agents == ["acme-crm/2.1", "acme-crm/2.2 (nightly)"]


@pytest.mark.parametrize("agent", ["", "tab\there", "café/1"])
def test_user_agent_must_be_printable_ascii(server, agent):
    with ucontact.Client(server.url) as client:
        with pytest.raises(ucontact.InvalidArgumentError) as caught:
            client.set_user_agent(agent)
        assert caught.value.code is ErrorCode.INVALID_ARGUMENT
        assert caught.value.message == "the user agent must be non-empty printable ASCII"
        assert client.get_user_token(DEMO_USER, DEMO_PASSWORD) == DEMO_TOKEN


def test_invalid_domain_raises_invalid_domain_with_the_library_code():
    with pytest.raises(ucontact.InvalidDomainError) as caught:
        ucontact.Client("https://evil.example/path")
    assert caught.value.code is ErrorCode.INVALID_DOMAIN
    assert caught.value.code == 103
    assert _native.lib.ucontact_last_error_code() == 103
    assert caught.value.message == (
        "invalid domain: only an origin is accepted: no path, query or fragment"
    )


def test_none_domain_raises_invalid_argument_with_the_library_code():
    with pytest.raises(ucontact.InvalidArgumentError) as caught:
        ucontact.Client(None)  # type: ignore[arg-type]
    assert type(caught.value) is ucontact.InvalidArgumentError
    assert caught.value.code is ErrorCode.INVALID_ARGUMENT
    assert _native.lib.ucontact_last_error_code() == 101
    assert caught.value.message == "domain is NULL"


def test_lone_surrogate_domain_raises_invalid_utf8_with_the_library_code():
    # An invalid domain first leaves 103 as this thread's last code: the UTF-8 failure must
    # replace it, so neither a guessed code nor a check made only in Python passes.
    with pytest.raises(ucontact.InvalidDomainError):
        ucontact.Client("https://evil.example/path")
    with pytest.raises(ucontact.InvalidArgumentError) as caught:
        ucontact.Client("acme\ud800")
    assert type(caught.value) is ucontact.InvalidArgumentError
    assert caught.value.code is ErrorCode.INVALID_UTF8
    assert caught.value.code == 102
    assert _native.lib.ucontact_last_error_code() == 102
    assert caught.value.message == "domain is not valid UTF-8"


@pytest.mark.parametrize(
    ("connect", "total"),
    [(0, 1), (1, 0), (0.0004, 1), (-1, 1), (float("inf"), 1), (float("nan"), 1), (5e6, 5e6)],
)
def test_timeouts_out_of_range_are_refused(server, connect, total):
    with ucontact.Client(server.url) as client:
        with pytest.raises(ucontact.InvalidArgumentError) as caught:
            client.set_timeouts(connect, total)
        assert caught.value.code is ErrorCode.INVALID_ARGUMENT
        assert "timeout must be between 0.001 and 4294967.295 seconds" in caught.value.message


def test_connect_timeout_longer_than_total_is_refused_by_the_library(server):
    with pytest.raises(ucontact.InvalidArgumentError) as caught:
        ucontact.Client(server.url, connect_timeout=2, total_timeout=1)
    assert caught.value.message == (
        "timeouts must be at least 1 ms, and the connect timeout no longer than the total"
    )


def test_a_timeout_that_is_no_number_is_a_type_error(server):
    with ucontact.Client(server.url) as client:
        with pytest.raises(TypeError, match="the total timeout must be a number of seconds"):
            client.set_timeouts(total="5")  # type: ignore[arg-type]


def test_total_timeout_alone_lowers_the_default_connect_timeout(start):
    # 0.3 s total with the default 10 s connect would be refused; alone it is accepted, and
    # applies: the silent server times out.
    server = start("--fault", "silent")
    with ucontact.Client(server.url, total_timeout=0.3) as client:
        with pytest.raises(ucontact.RequestTimeoutError):
            client.get_user_token(DEMO_USER, DEMO_PASSWORD)


def test_missing_ca_file_is_refused_at_the_call(server, tmp_path):
    missing = tmp_path / "nope.pem"
    with ucontact.Client(server.url) as client:
        with pytest.raises(ucontact.InvalidArgumentError) as caught:
            client.set_ca_file(missing)
    assert caught.value.code is ErrorCode.CA_FILE
    assert str(missing) in caught.value.message


def test_ca_file_without_a_certificate_is_refused(server, tmp_path):
    empty = tmp_path / "empty.pem"
    empty.write_text("no certificate here\n")
    with pytest.raises(ucontact.InvalidArgumentError) as caught:
        ucontact.Client(server.url, ca_file=str(empty))
    assert caught.value.code is ErrorCode.CA_FILE


def test_proxy_of_another_scheme_is_refused(server):
    with ucontact.Client(server.url) as client:
        with pytest.raises(ucontact.InvalidArgumentError) as caught:
            client.set_proxy("socks5://127.0.0.1:1080")
    assert caught.value.code is ErrorCode.INVALID_PROXY


def test_proxy_at_a_closed_port_is_a_network_error(tmp_path, start):
    server = start("--tls", str(tmp_path))
    proxy = f"http://127.0.0.1:{closed_port()}"
    with ucontact.Client(server.url, ca_file=server.ca_file, proxy=proxy) as client:
        with pytest.raises(ucontact.NetworkError) as caught:
            client.get_user_token(DEMO_USER, DEMO_PASSWORD)
        assert caught.value.code is ErrorCode.CONNECT
        client.set_proxy("")
        assert client.get_user_token(DEMO_USER, DEMO_PASSWORD) == DEMO_TOKEN
    assert server.requests()[0]["fields"]["user"] == DEMO_USER


def test_loopback_origin_ignores_https_proxy_from_the_environment(tmp_path, start):
    # In a child process: the library reads HTTPS_PROXY from the environment. That proxy, a
    # closed port, is not used for the loopback server, by default or with proxy=""; the same
    # URL given explicitly is. (A remote origin going through HTTPS_PROXY cannot be shown
    # without a remote host.)
    server = start("--tls", str(tmp_path))
    dead_proxy = f"http://127.0.0.1:{closed_port()}"
    script = (
        "import sys, ucontact\n"
        "url, ca, dead_proxy = sys.argv[1:]\n"
        "with ucontact.Client(url, ca_file=ca) as client:\n"
        "    print(client.get_user_token('demo', 'demo-password'))\n"
        "with ucontact.Client(url, ca_file=ca, proxy='') as client:\n"
        "    print(client.get_user_token('demo', 'demo-password'))\n"
        "try:\n"
        "    ucontact.Client(url, ca_file=ca, proxy=dead_proxy).get_user_token('demo', 'x')\n"
        "except ucontact.NetworkError as error:\n"
        "    print(error.code.name)\n"
    )
    environment = python_env(
        HTTPS_PROXY=dead_proxy,
        NO_PROXY=None,
        no_proxy=None,
        https_proxy=None,
    )
    ran = subprocess.run(
        [sys.executable, "-c", script, server.url, server.ca_file, dead_proxy],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout == f"{DEMO_TOKEN}\n{DEMO_TOKEN}\nCONNECT\n"
    assert [request["fields"]["user"] for request in server.requests()] == ["demo", "demo"]


def test_closed_client_refuses_calls_and_close_is_idempotent(server):
    client = ucontact.Client(server.url)
    assert repr(client) == f"<ucontact.Client {server.url!r} open>"
    client.close()
    client.close()
    assert client.closed
    assert repr(client) == f"<ucontact.Client {server.url!r} closed>"
    for use in (
        lambda: client.get_user_token(DEMO_USER, DEMO_PASSWORD),
        lambda: client.set_user_agent("x/1"),
        lambda: client.set_timeouts(1, 2),
        lambda: client.__enter__(),
    ):
        with pytest.raises(ucontact.InvalidArgumentError, match="^the client is closed"):
            use()


def test_leaving_the_with_block_closes_the_client(server):
    with ucontact.Client(server.url) as client:
        assert not client.closed
    assert client.closed


def test_an_unclosed_client_is_freed_when_collected(server):
    client = ucontact.Client(server.url)
    finalizer = client._free
    assert finalizer.alive
    reference = weakref.ref(client)
    del client
    gc.collect()
    assert reference() is None
    assert not finalizer.alive


def test_a_refused_setting_in_the_constructor_frees_the_handle(server, tmp_path, monkeypatch):
    made = []
    original_init = ucontact.Client.__init__

    def recording_init(self, *args, **kwargs):
        made.append(self)
        original_init(self, *args, **kwargs)

    monkeypatch.setattr(ucontact.Client, "__init__", recording_init)
    with pytest.raises(ucontact.InvalidArgumentError):
        ucontact.Client(server.url, ca_file=str(tmp_path / "missing.pem"))
    assert made[0].closed and not made[0]._free.alive


def test_close_waits_for_the_login_in_progress(start):
    server = start("--fault", "delay:300")
    client = ucontact.Client(server.url)
    results = []
    login = threading.Thread(
        target=lambda: results.append(client.get_user_token(DEMO_USER, DEMO_PASSWORD))
    )
    login.start()
    while not client._logins_in_progress and login.is_alive():
        threading.Event().wait(0.005)
    client.close()
    login.join()
    assert results == [DEMO_TOKEN]
    assert client.closed
