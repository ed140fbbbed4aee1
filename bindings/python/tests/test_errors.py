"""Each failure the local server can cause becomes its exception class, with its code, its
built-in base where one fits, and never the password."""

from __future__ import annotations

import pickle
import socket
import traceback

import pytest

import ucontact
from ucontact import ErrorCode

from conftest import DEMO_PASSWORD, DEMO_TOKEN, DEMO_USER

SECRET = "s3cret-Passw0rd-that-must-not-leak"


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def assert_no_secret(error: BaseException) -> None:
    shown = [
        str(error),
        repr(error),
        repr(error.args),
        "".join(traceback.format_exception(type(error), error, error.__traceback__)),
    ]
    for text in shown:
        assert SECRET not in text


def test_wrong_password_is_auth_rejected(server):
    with pytest.raises(ucontact.AuthRejectedError) as caught:
        ucontact.get_user_token(server.url, DEMO_USER, SECRET)
    error = caught.value
    assert error.code is ErrorCode.AUTH_REJECTED
    assert error.message == (
        f"127.0.0.1:{server.port} rejected the login: wrong user name or "
        "password, or the user may not log in"
    )
    assert str(error) == f"{error.message} [UCONTACT_ERR_AUTH_REJECTED]"
    assert_no_secret(error)


def test_http_status_carries_the_status(start):
    server = start("--fault", "status:503")
    with pytest.raises(ucontact.HTTPStatusError) as caught:
        ucontact.get_user_token(server.url, DEMO_USER, SECRET)
    assert caught.value.code is ErrorCode.HTTP_STATUS
    assert "503" in caught.value.message
    assert_no_secret(caught.value)


def test_reply_that_is_no_token_is_a_bad_response(start):
    server = start("--fault", "body:{}")
    with pytest.raises(ucontact.BadResponseError) as caught:
        ucontact.get_user_token(server.url, DEMO_USER, SECRET)
    assert caught.value.code is ErrorCode.BAD_RESPONSE
    assert_no_secret(caught.value)


def test_silent_server_is_a_timeout(start):
    server = start("--fault", "silent")
    with ucontact.Client(server.url, connect_timeout=0.2, total_timeout=0.3) as client:
        with pytest.raises(ucontact.RequestTimeoutError) as caught:
            client.get_user_token(DEMO_USER, SECRET)
    assert caught.value.code is ErrorCode.TIMEOUT
    assert isinstance(caught.value, TimeoutError)
    assert not isinstance(caught.value, ConnectionError)
    assert_no_secret(caught.value)


def test_closed_port_is_a_network_error():
    with pytest.raises(ucontact.NetworkError) as caught:
        ucontact.get_user_token(f"http://127.0.0.1:{closed_port()}", DEMO_USER, SECRET)
    assert caught.value.code is ErrorCode.CONNECT
    assert type(caught.value) is ucontact.NetworkError
    assert isinstance(caught.value, ConnectionError)
    assert_no_secret(caught.value)


def test_untrusted_certificate_is_a_tls_error(tmp_path, start):
    server = start("--tls", str(tmp_path))
    with pytest.raises(ucontact.TLSError) as caught:
        ucontact.get_user_token(server.url, DEMO_USER, SECRET)
    assert caught.value.code is ErrorCode.TLS
    assert isinstance(caught.value, ucontact.NetworkError)
    assert isinstance(caught.value, ConnectionError)
    assert_no_secret(caught.value)


def test_ca_file_makes_the_tls_server_trusted(tmp_path, start):
    server = start("--tls", str(tmp_path))
    assert server.url.startswith("https://")
    with ucontact.Client(server.url, ca_file=server.ca_file) as client:
        assert client.get_user_token(DEMO_USER, DEMO_PASSWORD) == DEMO_TOKEN
    # The trust belongs to that client alone.
    with pytest.raises(ucontact.TLSError):
        ucontact.get_user_token(server.url, DEMO_USER, DEMO_PASSWORD)


def test_domain_with_a_path_is_an_invalid_domain():
    with pytest.raises(ucontact.InvalidDomainError) as caught:
        ucontact.get_user_token("https://evil.example/path", DEMO_USER, SECRET)
    error = caught.value
    assert error.code is ErrorCode.INVALID_DOMAIN
    assert isinstance(error, ucontact.InvalidArgumentError)
    assert isinstance(error, ValueError)
    assert_no_secret(error)


def test_plain_http_to_a_remote_host_is_an_invalid_domain():
    with pytest.raises(ucontact.InvalidDomainError):
        ucontact.get_user_token("http://evil.example", DEMO_USER, SECRET)


@pytest.mark.parametrize(
    ("code", "expected_class"),
    [
        (ErrorCode.INVALID_ARGUMENT, ucontact.InvalidArgumentError),
        (ErrorCode.INVALID_UTF8, ucontact.InvalidArgumentError),
        (ErrorCode.INVALID_DOMAIN, ucontact.InvalidDomainError),
        (ErrorCode.BUFFER_TOO_SMALL, ucontact.UContactError),
        (ErrorCode.CA_FILE, ucontact.InvalidArgumentError),
        (ErrorCode.INVALID_PROXY, ucontact.InvalidArgumentError),
        (ErrorCode.CONNECT, ucontact.NetworkError),
        (ErrorCode.TIMEOUT, ucontact.RequestTimeoutError),
        (ErrorCode.TLS, ucontact.TLSError),
        (ErrorCode.AUTH_REJECTED, ucontact.AuthRejectedError),
        (ErrorCode.HTTP_STATUS, ucontact.HTTPStatusError),
        (ErrorCode.BAD_RESPONSE, ucontact.BadResponseError),
        (ErrorCode.INTERNAL, ucontact.UContactError),
        (777, ucontact.UContactError),
    ],
)
def test_each_code_maps_to_its_class(code, expected_class):
    from ucontact._errors import error_for

    error = error_for(code, "details")
    assert type(error) is expected_class
    assert error.code == code
    assert error.message == "details"


def test_every_nonzero_code_maps_to_an_exception_class():
    from ucontact._errors import error_for

    for code in ErrorCode:
        if code is not ErrorCode.OK:
            assert isinstance(error_for(code, ""), ucontact.UContactError)


def test_unknown_code_keeps_its_value():
    from ucontact._errors import error_for

    error = error_for(777, "from a newer library")
    assert error.code == 777 and not isinstance(error.code, ErrorCode)
    assert str(error) == "from a newer library [unknown ucontact error code 777]"


def test_network_errors_read_as_plain_messages():
    # OSError would print "[Errno 201] ..." if the code reached it as an errno.
    from ucontact._errors import error_for

    error = error_for(ErrorCode.CONNECT, "could not connect")
    assert error.errno is None
    assert str(error) == "could not connect [UCONTACT_ERR_CONNECT]"


def test_errors_survive_pickling(server):
    with pytest.raises(ucontact.AuthRejectedError) as caught:
        ucontact.get_user_token(server.url, DEMO_USER, SECRET)
    copy = pickle.loads(pickle.dumps(caught.value))
    assert type(copy) is ucontact.AuthRejectedError
    assert (copy.code, copy.message) == (caught.value.code, caught.value.message)


def test_strerror_describes_every_code():
    unknown = ucontact.strerror(777)
    assert unknown == "unknown ucontact error code"
    descriptions = {code: ucontact.strerror(code) for code in ErrorCode}
    assert all(text and text != unknown for text in descriptions.values())
    assert len(set(descriptions.values())) == len(descriptions)
