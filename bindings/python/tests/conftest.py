"""Fixtures: the repository's local uContact server, started per test or per module.

The library under test is $UCONTACT_LIBRARY (the Makefile exports it), else the
repository's target/release/libucontact.so; this is set before any test imports ucontact.
The server binary is $UCONTACT_SERVER_BIN (the Makefile exports it), else the repository's
target/release/ucontact-server. It runs with --exit-with-stdin on a pipe, so that it ends
with the test run even when the run is killed.
"""

from __future__ import annotations

import base64
import json
import os
import ssl
import subprocess
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

PACKAGE_DIR = Path(__file__).resolve().parents[1]
REPO = PACKAGE_DIR.parents[1]
os.environ.setdefault("UCONTACT_LIBRARY", str(REPO / "target" / "release" / "libucontact.so"))
# The servers are on loopback: a proxy from the machine's environment must not stand between
# (a test that wants one sets it itself). Removed before the library reads the environment,
# and kept for the pip runs that reach the package index.
PROXY_VARIABLES = ("HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "ALL_PROXY",
                   "all_proxy", "NO_PROXY", "no_proxy")  # fmt: skip
MACHINE_PROXY_ENVIRONMENT = {
    name: os.environ.pop(name) for name in PROXY_VARIABLES if name in os.environ
}

SESSION_ID = "0b6f2c9e-4d1a-4f7e-9c3b-5a8d7e6f1a20"
DEMO_USER = "demo"
DEMO_PASSWORD = "demo-password"
DEMO_TOKEN = "ZGVtbzowYjZmMmM5ZS00ZDFhLTRmN2UtOWMzYi01YThkN2U2ZjFhMjA="


def token_of(user: str) -> str:
    """The token the local server gives `user` by default: base64 of "USER:SESSION_ID"."""
    return base64.b64encode(f"{user}:{SESSION_ID}".encode()).decode("ascii")


def server_binary() -> str:
    return os.environ.get("UCONTACT_SERVER_BIN") or str(
        REPO / "target" / "release" / "ucontact-server"
    )


@dataclass
class Server:
    """A running local server: its URL (the domain to log in to) and its test CA, if TLS."""

    url: str
    port: int
    ca_file: str | None
    process: subprocess.Popen[bytes]

    def requests(self) -> list[dict[str, Any]]:
        """Every request the server received, as it decoded them."""
        context = ssl.create_default_context(cafile=self.ca_file) if self.ca_file else None
        opener = urllib.request.build_opener(
            urllib.request.ProxyHandler({}), urllib.request.HTTPSHandler(context=context)
        )
        with opener.open(f"{self.url}/__ucontact/requests", timeout=30) as reply:
            received: list[dict[str, Any]] = json.load(reply)
        return received

    def stop(self) -> None:
        if self.process.stdin is not None:
            self.process.stdin.close()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def start_server(*arguments: str) -> Server:
    process = subprocess.Popen(
        [server_binary(), "--exit-with-stdin", *arguments],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
    )
    assert process.stdout is not None
    line = process.stdout.readline()
    if not line:
        process.wait()
        raise RuntimeError(
            f"ucontact-server {' '.join(arguments)} exited with {process.returncode} "
            "before it listened"
        )
    announced = json.loads(line)
    return Server(announced["url"], announced["port"], announced["ca_file"], process)


@pytest.fixture
def start() -> Iterator[Callable[..., Server]]:
    """start(*options): a server of its own for this test, with those options."""
    servers: list[Server] = []

    def start_one(*arguments: str) -> Server:
        servers.append(start_server(*arguments))
        return servers[-1]

    yield start_one
    for server in servers:
        server.stop()


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    """A default server (user demo / demo-password), shared by the tests of a module."""
    shared = start_server()
    yield shared
    shared.stop()


def python_env(**changes: str | None) -> dict[str, str]:
    """os.environ for a child Python that imports the package from src/, with `changes`
    (None removes a variable)."""
    environment = dict(os.environ)
    environment["PYTHONPATH"] = str(PACKAGE_DIR / "src")
    for name, value in changes.items():
        if value is None:
            environment.pop(name, None)
        else:
            environment[name] = value
    return environment
