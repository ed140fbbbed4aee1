#!/bin/sh
# The Python binding's checks: mypy (strict) over the package, then pytest, whose closing
# summary line ends the output. Exits non-zero when either fails.
#
# Run from anywhere; the top Makefile runs `sh bindings/python/run-tests.sh` with
# UCONTACT_LIBRARY and UCONTACT_SERVER_BIN exported. Without them the repository's release
# build is used (`make build`). Arguments go to pytest. Needs what ci-deps.sh installs.
set -u
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
: "${PYTHON:=python3}"
: "${UCONTACT_LIBRARY:=$repo/target/release/libucontact.so}"
: "${UCONTACT_SERVER_BIN:=$repo/target/release/ucontact-server}"
export UCONTACT_LIBRARY UCONTACT_SERVER_BIN

for built in "$UCONTACT_LIBRARY" "$UCONTACT_SERVER_BIN"; do
  [ -f "$built" ] || { echo "run-tests.sh: $built does not exist: run \`make build\` first" >&2; exit 1; }
done

cd "$here" || exit 1
echo "== mypy (strict) over bindings/python/src/ucontact and hatch_build.py"
"$PYTHON" -m mypy
typed=$?

echo "== pytest"
"$PYTHON" -m pytest "$@"
tested=$?

if [ "$typed" -ne 0 ]; then
  echo "run-tests.sh: mypy failed (exit $typed)" >&2
  exit "$typed"
fi
exit "$tested"
