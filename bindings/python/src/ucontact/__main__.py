"""``python -m ucontact DOMAIN USER``: log in and print the token on standard output."""

from __future__ import annotations

import argparse
import getpass
import os
import sys

from . import __version__, version
from ._client import Client
from ._errors import UContactError

PASSWORD_ENV = "UCONTACT_PASSWORD"

_DESCRIPTION = f"""\
Logs in to a uContact instance and prints its API token on standard output.

The password is taken from the {PASSWORD_ENV} environment variable, or else asked for at a
prompt; it is never taken from the command line, where other users could read it."""

_EPILOG = """\
exit status: 0 with the token printed; 1 when the login fails (the reason, with its
UCONTACT_ERR_* code, goes to standard error); 2 for a usage error."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m ucontact",
        description=_DESCRIPTION,
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "domain",
        help='an instance name ("acme"), an on-premise host name, or "https://host[:port]"',
    )
    parser.add_argument("user", help="the user name")
    parser.add_argument(
        "--connect-timeout",
        type=float,
        metavar="SECONDS",
        help="time allowed to connect (default 10)",
    )
    parser.add_argument(
        "--timeout",
        type=float,
        metavar="SECONDS",
        help="time allowed for the whole login (default 30)",
    )
    parser.add_argument(
        "--ca-file", metavar="PEM", help="also trust the certificates in this PEM file"
    )
    parser.add_argument(
        "--proxy",
        metavar="URL",
        help='HTTPS proxy, "" for none (default: from HTTPS_PROXY and the like)',
    )
    parser.add_argument("--user-agent", metavar="TEXT", help="the User-Agent header to send")
    parser.add_argument(
        "--version",
        action="version",
        version=f"ucontact {__version__} (native library {version()})",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    """Runs the command line with `argv` (default: sys.argv[1:]); returns the exit status."""
    arguments = _parser().parse_args(argv)

    password = os.environ.get(PASSWORD_ENV)
    if password is None:
        try:
            password = getpass.getpass(f"password for {arguments.user}: ")
        except (EOFError, KeyboardInterrupt):
            print("\nucontact: no password given", file=sys.stderr)
            return 1

    try:
        with Client(
            arguments.domain,
            connect_timeout=arguments.connect_timeout,
            total_timeout=arguments.timeout,
            ca_file=arguments.ca_file,
            proxy=arguments.proxy,
            user_agent=arguments.user_agent,
        ) as client:
            token = client.get_user_token(arguments.user, password)
    except UContactError as error:
        print(f"ucontact: {error}", file=sys.stderr)
        return 1
    print(token)
    return 0


if __name__ == "__main__":
    sys.exit(main())
