#!/bin/sh
# A bounded fuzzing run of both parsers, from the committed corpora. cargo-fuzz needs
# nightly flags; on stable Rust RUSTC_BOOTSTRAP=1 allows them for this build only.
# FUZZ_SECONDS (default 20) per target. New inputs go to a temporary folder, so the
# committed corpora change only when someone copies a finding in by hand; a crash is
# saved under fuzz/artifacts/ and fails the run.
set -eu
cd "$(dirname "$0")"
seconds=${FUZZ_SECONDS:-20}
export RUSTC_BOOTSTRAP=1
status=0
for target in reply domain; do
  found=$(mktemp -d)
  log=$(mktemp)
  echo "fuzzing $target for ${seconds}s"
  if cargo fuzz run "$target" "$found" "corpus/$target" -- -max_total_time="$seconds" -print_final_stats=1 > "$log" 2>&1; then
    grep -E '^stat::(number_of_executed_units|new_units_added)' "$log" || true
  else
    tail -n 40 "$log" >&2
    echo "fuzz: $target failed; the input is under fuzz/artifacts/$target/" >&2
    status=1
  fi
  rm -rf "$found" "$log"
done
exit $status
