"""get_user_token and Client.get_user_token against the local server: the exact token, the
exact bytes the server received, and the errors for input that cannot be sent."""

from __future__ import annotations

import os

import pytest

import ucontact

from conftest import DEMO_PASSWORD, DEMO_TOKEN, DEMO_USER, token_of

TRICKY_PASSWORDS = [
    "with spaces  inside ",
    "a+b&c=d%e",
    "%41%42%zz",
    "=starts-with-equals",
    "\"double\" and 'single' quotes",
    "back\\slash;semi:colon/slash?query#hash",
    "tab\tand\nnewline\r\n",
    "ñandú Ünïcødé ßtraße",
    "emoji 🔑🚀 and 中文",
    "x" * 900,
]


def test_returns_the_exact_token(server):
    assert ucontact.get_user_token(server.url, DEMO_USER, DEMO_PASSWORD) == DEMO_TOKEN


def test_token_is_a_str(server):
    assert type(ucontact.get_user_token(server.url, DEMO_USER, DEMO_PASSWORD)) is str


def test_client_returns_the_exact_token(server):
    with ucontact.Client(server.url) as client:
        assert client.get_user_token(DEMO_USER, DEMO_PASSWORD) == DEMO_TOKEN
        assert client.get_user_token(DEMO_USER, DEMO_PASSWORD) == DEMO_TOKEN


def test_accepts_the_url_with_a_trailing_slash(server):
    assert ucontact.get_user_token(server.url + "/", DEMO_USER, DEMO_PASSWORD) == DEMO_TOKEN


def test_sends_the_form_the_vendor_documents(start):
    server = start()
    ucontact.get_user_token(server.url, DEMO_USER, DEMO_PASSWORD)
    [request] = server.requests()
    assert request["method"] == "POST"
    assert request["path"] == "/Integra/resources/auth/getUserToken"
    assert request["content_type"].startswith("application/x-www-form-urlencoded")
    assert request["body"] == "user=demo&password=demo-password"
    assert request["fields"] == {"user": DEMO_USER, "password": DEMO_PASSWORD}


@pytest.mark.parametrize("password", TRICKY_PASSWORDS, ids=range(len(TRICKY_PASSWORDS)))
def test_tricky_password_arrives_byte_exact(start, password):
    # The server knows the user only with this exact password: the token proves it matched.
    server = start("--user", f"agent7={password}")
    assert ucontact.get_user_token(server.url, "agent7", password) == token_of("agent7")
    [request] = server.requests()
    assert request["fields"] == {"user": "agent7", "password": password}


def test_tricky_user_name_arrives_byte_exact(start):
    user = "josé garcía+ops@acme.example&x;1 %41"  # no "=": --user splits there
    server = start("--user", f"{user}=pw")
    with ucontact.Client(server.url) as client:
        assert client.get_user_token(user, "pw") == token_of(user)
    assert server.requests()[0]["fields"]["user"] == user


def test_percent_escapes_in_a_password_are_not_decoded(start):
    server = start("--user", "agent7=AB")
    with pytest.raises(ucontact.AuthRejectedError):
        ucontact.get_user_token(server.url, "agent7", "%41%42")
    assert server.requests()[0]["fields"]["password"] == "%41%42"


@pytest.mark.parametrize("argument", ["domain", "user", "password"])
def test_none_is_an_invalid_argument(server, argument):
    arguments = {"domain": server.url, "user": DEMO_USER, "password": DEMO_PASSWORD}
    arguments[argument] = None
    with pytest.raises(ucontact.InvalidArgumentError) as caught:
        ucontact.get_user_token(**arguments)
    assert caught.value.code == ucontact.ErrorCode.INVALID_ARGUMENT
    assert caught.value.message == f"{argument} is NULL"


@pytest.mark.parametrize("argument", ["user", "password"])
def test_empty_string_is_an_invalid_argument(server, argument):
    arguments = {"domain": server.url, "user": DEMO_USER, "password": DEMO_PASSWORD}
    arguments[argument] = ""
    with pytest.raises(ucontact.InvalidArgumentError) as caught:
        ucontact.get_user_token(**arguments)
    assert caught.value.code == ucontact.ErrorCode.INVALID_ARGUMENT
    assert caught.value.message == f"{argument} is empty"


def test_empty_domain_is_an_invalid_domain():
    with pytest.raises(ucontact.InvalidDomainError) as caught:
        ucontact.get_user_token("", DEMO_USER, DEMO_PASSWORD)
    assert caught.value.code == ucontact.ErrorCode.INVALID_DOMAIN


@pytest.mark.parametrize("argument", ["domain", "user", "password"])
def test_lone_surrogate_is_invalid_utf8(start, argument):
    server = start()
    arguments = {"domain": server.url, "user": DEMO_USER, "password": DEMO_PASSWORD}
    arguments[argument] = "abc\ud800def"
    with pytest.raises(ucontact.InvalidArgumentError) as caught:
        ucontact.get_user_token(**arguments)
    assert type(caught.value) is ucontact.InvalidArgumentError
    assert caught.value.code == ucontact.ErrorCode.INVALID_UTF8
    assert caught.value.message == f"{argument} is not valid UTF-8"
    assert "abc" not in repr(caught.value) and "abc" not in str(caught.value)
    # No chained exception keeps the value (it may be a password).
    assert caught.value.__context__ is None and caught.value.__cause__ is None
    assert server.requests() == []


@pytest.mark.parametrize("argument", ["domain", "user", "password"])
def test_nul_character_is_an_invalid_argument(start, argument):
    server = start()
    arguments = {"domain": server.url, "user": DEMO_USER, "password": DEMO_PASSWORD}
    arguments[argument] += "\0tail"
    with pytest.raises(ucontact.InvalidArgumentError) as caught:
        ucontact.get_user_token(**arguments)
    assert caught.value.code == ucontact.ErrorCode.INVALID_ARGUMENT
    assert caught.value.message == f"{argument} holds a NUL character"
    assert server.requests() == []


@pytest.mark.parametrize("value", [b"demo", 7, ["demo"]], ids=["bytes", "int", "list"])
def test_a_value_of_another_type_is_a_type_error(server, value):
    with pytest.raises(TypeError, match=f"^user must be a str, not {type(value).__name__}$"):
        ucontact.get_user_token(server.url, value, DEMO_PASSWORD)


def test_client_checks_its_arguments_like_the_function(server):
    with ucontact.Client(server.url) as client:
        with pytest.raises(ucontact.InvalidArgumentError) as caught:
            client.get_user_token(DEMO_USER, "")
        assert caught.value.message == "password is empty"
        with pytest.raises(ucontact.InvalidArgumentError) as caught:
            client.get_user_token(None, DEMO_PASSWORD)
        assert caught.value.message == "user is NULL"
        with pytest.raises(ucontact.InvalidArgumentError) as caught:
            client.get_user_token(DEMO_USER, "\udfff")
        assert caught.value.code == ucontact.ErrorCode.INVALID_UTF8


def test_loads_the_library_named_by_the_environment():
    expected = os.environ.get("UCONTACT_LIBRARY")
    if not expected:
        pytest.skip("UCONTACT_LIBRARY is not set: the test run uses another copy")
    assert ucontact.library_path() == os.path.abspath(expected)
