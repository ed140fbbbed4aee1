#!/bin/sh
# The Java binding's test entry point (`make test-java`, or `sh bindings/java/run-tests.sh`
# from the repository root). Builds the jar with the native library inside, runs the JUnit
# tests against the local server, installs the jar into the local Maven repository, then
# builds and runs consumer-test/, a separate application that gets a token using only that
# installed jar and JNA. Exits non-zero on any failure.
#
# Needs UCONTACT_LIBRARY and UCONTACT_SERVER_BIN (the Makefile exports both; the defaults
# are the release build in ../../target/release), a JDK 8 or newer and Maven 3.6.3+.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
: "${UCONTACT_LIBRARY:=$root/target/release/libucontact.so}"
: "${UCONTACT_SERVER_BIN:=$root/target/release/ucontact-server}"
export UCONTACT_LIBRARY UCONTACT_SERVER_BIN
for f in "$UCONTACT_LIBRARY" "$UCONTACT_SERVER_BIN"; do
  [ -f "$f" ] || { echo "java: $f is missing; run \`make -C $root build\` first" >&2; exit 1; }
done

mvn="mvn -B --no-transfer-progress -Dstyle.color=never"
version=$(sed -n 's|^  <version>\(.*\)</version>$|\1|p' "$here/pom.xml" | head -n 1)
jar="$here/target/ucontact-$version.jar"

echo "== java: build, test (Surefire) and install io.github.ucontact:ucontact:$version"
$mvn -f "$here/pom.xml" install

jar tf "$jar" | grep -qx 'linux-x86-64/libucontact.so' ||
  { echo "java: $jar does not carry linux-x86-64/libucontact.so" >&2; exit 1; }

echo "== java: consumer-test, built against the installed jar"
$mvn -q -f "$here/consumer-test/pom.xml" -Ducontact.version="$version" clean package

work=$(mktemp -d)
server=
cleanup() {
  exec 3>&-
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

# The server ends when its standard input (the FIFO, held open on fd 3) closes.
mkfifo "$work/stdin"
"$UCONTACT_SERVER_BIN" --exit-with-stdin < "$work/stdin" > "$work/server.json" &
server=$!
exec 3> "$work/stdin"
for _ in $(seq 100); do [ -s "$work/server.json" ] && break; sleep 0.05; done
url=$(sed -n 's/.*"url":"\([^"]*\)".*/\1/p' "$work/server.json")
[ -n "$url" ] || { echo "java: the local server did not start" >&2; exit 1; }

# No hint of where the native library is: the copy inside the jar must be the one loaded.
token=$(cd "$work" && env -u UCONTACT_LIBRARY -u LD_LIBRARY_PATH UCONTACT_PASSWORD=demo-password \
  java -Djna.debug_load=true -cp "$here/consumer-test/target/classes:$here/consumer-test/target/lib/*" \
  example.GetToken "$url" demo 2> "$work/consumer.err") ||
  { cat "$work/consumer.err" >&2; echo "java: the consumer failed" >&2; exit 1; }

expected=ZGVtbzowYjZmMmM5ZS00ZDFhLTRmN2UtOWMzYi01YThkN2U2ZjFhMjA=
[ "$token" = "$expected" ] ||
  { echo "java: the consumer printed '$token', expected '$expected'" >&2; exit 1; }
grep -q "Found library resource at jar:file:.*/ucontact-$version.jar!/linux-x86-64/libucontact.so" \
  "$work/consumer.err" ||
  { cat "$work/consumer.err" >&2; echo "java: the consumer did not load the jar's library" >&2; exit 1; }

echo "java: consumer-test got the demo token through the jar's bundled native library"
