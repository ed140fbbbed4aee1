#!/bin/sh
# Installs what bindings/python/run-tests.sh needs on a fresh Debian machine that already
# has Python 3.10+ and pytest: mypy, hatchling (the build backend, which mypy reads through
# hatch_build.py and one test imports), and `venv` with ensurepip for the install test.
# Safe to run again: each step skips what is already there.
set -eu
: "${PYTHON:=python3}"

# Debian's own python3 ships venv's ensurepip in a separate package.
if ! "$PYTHON" -c "import ensurepip, venv" 2>/dev/null; then
  minor=$("$PYTHON" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')
  apt-get update
  apt-get install -y "python$minor-venv" || apt-get install -y python3-venv
fi

# A Debian python3 refuses pip installs outside a venv (PEP 668) unless told otherwise.
pip_flags=""
if "$PYTHON" -c 'import os, sys, sysconfig; sys.exit(not os.path.exists(os.path.join(sysconfig.get_path("stdlib"), "EXTERNALLY-MANAGED")))'; then
  pip_flags="--break-system-packages"
fi

if ! "$PYTHON" -c 'import mypy, hatchling, importlib.metadata as m, sys; sys.exit(tuple(int(p) for p in m.version("hatchling").split(".")[:2]) < (1, 27))' 2>/dev/null; then
  # shellcheck disable=SC2086
  "$PYTHON" -m pip install --disable-pip-version-check $pip_flags "mypy>=1.10" "hatchling>=1.27"
fi
"$PYTHON" -m mypy --version
"$PYTHON" -m pytest --version
