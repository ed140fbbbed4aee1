"""python -m ucontact: the token on standard output, the password never from argv."""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import DEMO_PASSWORD, DEMO_TOKEN, DEMO_USER, python_env
from test_consistency import crate_version


def run_cli(
    *arguments: str, password: str | None = None, stdin: str = "", **environment: str | None
) -> subprocess.CompletedProcess[str]:
    # A new session has no controlling terminal, so getpass reads the piped standard input.
    return subprocess.run(
        [sys.executable, "-m", "ucontact", *arguments],
        env=python_env(UCONTACT_PASSWORD=password, **environment),
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        start_new_session=True,
    )


def test_prints_the_token_with_the_password_from_the_environment(server):
    ran = run_cli(server.url, DEMO_USER, password=DEMO_PASSWORD)
    assert (ran.returncode, ran.stdout) == (0, DEMO_TOKEN + "\n"), ran.stderr


def test_asks_for_the_password_when_the_environment_has_none(server):
    ran = run_cli(server.url, DEMO_USER, stdin=DEMO_PASSWORD + "\n")
    assert (ran.returncode, ran.stdout) == (0, DEMO_TOKEN + "\n"), ran.stderr
    assert "password for demo: " in ran.stderr
    assert DEMO_PASSWORD not in ran.stderr


def test_no_password_at_the_prompt_fails_clearly(server):
    ran = run_cli(server.url, DEMO_USER, stdin="")
    assert ran.returncode == 1
    assert ran.stderr.endswith("ucontact: no password given\n")


def test_rejected_login_exits_1_with_the_code_and_without_the_password(server):
    ran = run_cli(server.url, DEMO_USER, password="not-the-password-41")
    assert (ran.returncode, ran.stdout) == (1, "")
    assert ran.stderr.startswith(f"ucontact: 127.0.0.1:{server.port} rejected the login")
    assert ran.stderr.endswith("[UCONTACT_ERR_AUTH_REJECTED]\n")
    assert "not-the-password-41" not in ran.stderr


def test_refuses_a_password_on_the_command_line(server):
    ran = run_cli(server.url, DEMO_USER, DEMO_PASSWORD, password=DEMO_PASSWORD)
    assert (ran.returncode, ran.stdout) == (2, "")
    assert "unrecognized arguments" in ran.stderr


def test_options_reach_the_client(start, tmp_path):
    server = start("--tls", str(tmp_path))
    ran = run_cli(
        server.url,
        DEMO_USER,
        "--ca-file",
        server.ca_file,
        "--timeout",
        "20",
        "--connect-timeout",
        "5",
        "--proxy",
        "",
        "--user-agent",
        "cli-test/1",
        password=DEMO_PASSWORD,
    )
    assert (ran.returncode, ran.stdout) == (0, DEMO_TOKEN + "\n"), ran.stderr
    assert server.requests()[0]["user_agent"] == "cli-test/1"


def test_bad_option_value_is_a_clear_error(server):
    ran = run_cli(server.url, DEMO_USER, "--timeout", "0", password=DEMO_PASSWORD)
    assert ran.returncode == 1
    assert "the total timeout must be between" in ran.stderr
    assert ran.stderr.endswith("[UCONTACT_ERR_INVALID_ARGUMENT]\n")


@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_help_explains_where_the_password_comes_from(flag):
    ran = run_cli(flag)
    assert ran.returncode == 0
    assert ran.stdout.startswith("usage: python -m ucontact [-h]")
    assert "UCONTACT_PASSWORD" in ran.stdout
    assert "never taken from the command line" in ran.stdout


def test_version_names_the_package_and_the_library():
    ran = run_cli("--version")
    expected = f"ucontact {crate_version()} (native library {crate_version()})\n"
    assert (ran.returncode, ran.stdout) == (0, expected)
