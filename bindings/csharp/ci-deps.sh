#!/bin/sh
# Installs what bindings/csharp/run-tests.sh needs on a fresh Debian machine: Mono's compiler
# (mcs) and runtime (mono). The tests use only Mono's core assemblies, so nothing else.
# Idempotent: does nothing when both are present. Needs root (or sudo) only to install.
set -eu

if command -v mcs >/dev/null 2>&1 && command -v mono >/dev/null 2>&1; then
  exit 0
fi

packages="mono-mcs mono-runtime"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"

# A fresh image may have no package lists yet: update only when a package is unknown.
for package in $packages; do
  if ! apt-cache show "$package" >/dev/null 2>&1; then
    $sudo apt-get update
    break
  fi
done
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends $packages
