#!/bin/sh
# Runs the whole ucontact benchmark on a Debian machine (run as root for the packages):
#   sh bench/run.sh            # about 10 minutes on 2 cores; figures in bench/out/results.md
#   sh bench/run.sh --quick    # a one-minute run that only tries the harness
# Extra arguments go to bench/harness.py (see `python3 bench/harness.py --help`).
#
# It installs what it needs (nginx, libcurl's headers, curl, a JDK with Maven, Mono,
# strace, valgrind, perf), builds the library (`make build`), the C, Java, C# and Rust
# clients into bench/out, a Python virtual environment with requests, then runs
# bench/harness.py, which measures, profiles (bench/profiles.py) and prints the tables.
# It prints figures and asserts nothing about speed, and is never part of `make test` or CI.
set -eu
bench=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$bench/.." && pwd)
out="$bench/out"
mkdir -p "$out/bin"

packages="nginx curl libcurl4-openssl-dev openssl ca-certificates ca-certificates-java gcc
  binutils python3-venv openjdk-17-jdk-headless maven mono-mcs mono-runtime
  libmono-system4.0-cil libmono-system-core4.0-cil strace valgrind linux-perf"
# shellcheck disable=SC2086
if ! dpkg -s $packages > /dev/null 2>&1; then
  apt-get update -qq
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $packages
fi

echo "== building the library"
make -C "$repo" build

echo "== building the C clients"
cc -O2 -Wall -Wextra -o "$out/bin/ucontact_bench" "$bench/clients/c/ucontact_bench.c" \
  -I"$repo/include" -L"$repo/target/release" -lucontact \
  -Wl,-rpath,"$repo/target/release" -lpthread
cc -O2 -Wall -Wextra -o "$out/bin/curl_bench" "$bench/clients/c/curl_bench.c" -lcurl -lpthread
cc -O2 -Wall -Wextra -o "$out/bin/spawn_timed" "$bench/clients/c/spawn_timed.c"

echo "== building the reqwest peer"
CARGO_TARGET_DIR="$out/reqwest-target" cargo build --release --locked \
  --manifest-path "$bench/reqwest-peer/Cargo.toml"
cp "$out/reqwest-target/release/reqwest-peer" "$out/bin/reqwest-peer"

echo "== building the runtime-design experiment"
CARGO_TARGET_DIR="$out/designs-target" cargo build --release --locked \
  --manifest-path "$bench/designs/Cargo.toml"
cp "$out/designs-target/release/runtime-designs" "$out/bin/runtime-designs"

echo "== building the Java clients"
# The binding's sources as they are, with the JNA version its pom.xml names.
jna_version=$(sed -n 's:.*<jna.version>\(.*\)</jna.version>.*:\1:p' \
  "$repo/bindings/java/pom.xml")
if [ ! -f "$out/java-lib/jna.jar" ]; then
  mvn -q -B dependency:copy -Dartifact="net.java.dev.jna:jna:$jna_version" \
    -DoutputDirectory="$out/java-lib" -Dmdep.stripVersion=true
fi
rm -rf "$out/java"
javac -nowarn -d "$out/java" -cp "$out/java-lib/jna.jar" \
  $(find "$repo/bindings/java/src/main/java" -name '*.java') "$bench"/clients/java/*.java

echo "== building the C# client"
mkdir -p "$out/csharp"
mcs -langversion:6 -nologo -target:library -out:"$out/csharp/UContactSdk.dll" \
  "$repo"/bindings/csharp/src/*.cs
mcs -nologo -target:exe -out:"$out/csharp/UContactBench.exe" \
  -r:"$out/csharp/UContactSdk.dll" -r:System.dll "$bench/clients/csharp/UContactBench.cs"

echo "== the Python environment"
# Debian's interpreter in a virtual environment: pyenv-style shims would add their own
# start-up to every cold Python figure.
if [ ! -x "$out/venv/bin/python" ]; then
  /usr/bin/python3 -m venv "$out/venv"
fi
"$out/venv/bin/python" -c 'import requests' 2> /dev/null ||
  "$out/venv/bin/pip" install -q requests

echo "== measuring"
exec /usr/bin/python3 "$bench/harness.py" --python "$out/venv/bin/python" "$@"
