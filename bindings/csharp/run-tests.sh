#!/bin/sh
# Builds the C# binding and its tests with Mono's mcs and runs them with mono against the
# local uContact server. Called by `make test-csharp`, which exports UCONTACT_LIBRARY (the
# built libucontact.so) and UCONTACT_SERVER_BIN (the built ucontact-server); by hand:
#   make build && UCONTACT_LIBRARY=$PWD/target/release/libucontact.so \
#     UCONTACT_SERVER_BIN=$PWD/target/release/ucontact-server sh bindings/csharp/run-tests.sh
# Extra arguments select the tests whose Class.Method name contains one of them.
# The last line of output is "N passed, N failed"; the exit status is non-zero on failure.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)

: "${UCONTACT_LIBRARY:?set UCONTACT_LIBRARY to the path of libucontact.so (make exports it)}"
: "${UCONTACT_SERVER_BIN:?set UCONTACT_SERVER_BIN to the path of ucontact-server (make exports it)}"
[ -f "$UCONTACT_LIBRARY" ] || { echo "run-tests.sh: no library at $UCONTACT_LIBRARY" >&2; exit 1; }
[ -x "$UCONTACT_SERVER_BIN" ] || { echo "run-tests.sh: no server at $UCONTACT_SERVER_BIN" >&2; exit 1; }
# Mono resolves DllImport("ucontact") to this file name, in the directory added below.
[ "$(basename "$UCONTACT_LIBRARY")" = libucontact.so ] ||
  { echo "run-tests.sh: UCONTACT_LIBRARY must name a file libucontact.so" >&2; exit 1; }
command -v mcs > /dev/null && command -v mono > /dev/null ||
  { echo "run-tests.sh: mcs and mono are needed: sh bindings/csharp/ci-deps.sh" >&2; exit 1; }

build="$here/build"
mkdir -p "$build"

# -langversion:6 matches <LangVersion> in UContactSdk.csproj, so the .NET SDK accepts
# exactly what mcs does. -doc makes a missing XML comment on a public member an error.
MCS_FLAGS="-langversion:6 -warn:4 -warnaserror+ -nologo -debug"
mcs $MCS_FLAGS -target:library -doc:"$build/UContactSdk.xml" \
  -out:"$build/UContactSdk.dll" "$here"/src/*.cs
mcs $MCS_FLAGS -target:exe -out:"$build/GetToken.exe" \
  -r:"$build/UContactSdk.dll" "$here"/examples/GetToken.cs
mcs $MCS_FLAGS -target:exe -out:"$build/UContactSdk.Tests.exe" \
  -r:"$build/UContactSdk.dll" -r:System.dll -r:System.Core.dll "$here"/tests/*.cs

# DllImport("ucontact") resolves to libucontact.so through dlopen's search path, so the
# library's directory goes in LD_LIBRARY_PATH (see the README for other ways).
LD_LIBRARY_PATH="$(dirname "$UCONTACT_LIBRARY")${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
UCONTACT_REPO_ROOT="$repo"
export LD_LIBRARY_PATH UCONTACT_REPO_ROOT UCONTACT_SERVER_BIN

exec mono --debug "$build/UContactSdk.Tests.exe" "$@"
