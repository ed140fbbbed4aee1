#!/bin/sh
# The main job, end to end: start the local uContact server, build the C example against
# the header and the shared library, and print the token it fetches through the C ABI.
set -eu
cd "$(dirname "$0")/.."
: "${UCONTACT_SERVER_BIN:=target/release/ucontact-server}"
: "${CC:=cc}"

work=$(mktemp -d)
trap 'kill "$server" 2>/dev/null || true; rm -rf "$work"' EXIT INT TERM

# The server prints {"url": ..., "port": ...} once it listens.
"$UCONTACT_SERVER_BIN" > "$work/server.json" &
server=$!
for _ in $(seq 100); do [ -s "$work/server.json" ] && break; sleep 0.05; done
url=$(sed -n 's/.*"url":"\([^"]*\)".*/\1/p' "$work/server.json")
[ -n "$url" ] || { echo "demo: the local server did not start" >&2; exit 1; }

"$CC" -std=c99 -Wall -Wextra -O2 -Iinclude examples/get_token.c \
  -Ltarget/release -lucontact -Wl,-rpath,"$PWD/target/release" -o "$work/get_token"

echo "local uContact server at $url; logging in as demo:" >&2
UCONTACT_PASSWORD=demo-password "$work/get_token" "$url" demo
