#!/bin/sh
# The C tests: the header compiled as C99 and C++11 with warnings as errors, a C program
# covering every failure class run plainly, under valgrind and under AddressSanitizer,
# and the dlclose/dlopen round trip. Starts its own local servers on loopback.
set -eu
cd "$(dirname "$0")/../.."
lib_dir=$PWD/target/release
: "${UCONTACT_SERVER_BIN:=$lib_dir/ucontact-server}"
: "${CC:=cc}"
: "${CXX:=c++}"

work=$(mktemp -d)
pids=""
cleanup() { for p in $pids; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT INT TERM

# start NAME ARGS...: runs a server, waits for its JSON line, sets $url.
start() {
  name=$1; shift
  "$UCONTACT_SERVER_BIN" "$@" > "$work/$name.json" &
  pids="$pids $!"
  for _ in $(seq 200); do [ -s "$work/$name.json" ] && break; sleep 0.05; done
  url=$(sed -n 's/.*"url":"\([^"]*\)".*/\1/p' "$work/$name.json")
  [ -n "$url" ] || { echo "run.sh: server $name did not start" >&2; exit 1; }
}

start plain;  export UCONTACT_TEST_PLAIN=$url
start status --fault status:503; export UCONTACT_TEST_STATUS=$url
start bad --fault 'body:{}'; export UCONTACT_TEST_BAD=$url
start silent --fault silent; export UCONTACT_TEST_SILENT=$url
start tls --tls "$work/tls"; export UCONTACT_TEST_TLS=$url
export UCONTACT_TEST_CA_FILE=$work/tls/ca.pem
closed_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
export UCONTACT_TEST_CLOSED=http://127.0.0.1:$closed_port

strict="-Wall -Wextra -pedantic -Werror"
link="-L$lib_dir -lucontact -Wl,-rpath,$lib_dir"

"$CC" -std=c99 $strict -Iinclude -c tests/c/test_abi.c -o "$work/header_c99.o"
"$CXX" -std=c++11 $strict -Iinclude tests/c/header.cpp $link -o "$work/header_cpp"
"$work/header_cpp"

"$CC" -std=c99 $strict -g -Iinclude tests/c/test_abi.c $link -o "$work/test_abi"
timeout 120 "$work/test_abi"

echo "test_abi under valgrind:"
valgrind --quiet --error-exitcode=99 --suppressions=tests/c/valgrind.supp --leak-check=full --errors-for-leak-kinds=definite,indirect \
  --show-leak-kinds=definite,indirect "$work/test_abi"

if command -v clang > /dev/null; then
  echo "test_abi under AddressSanitizer:"
  clang -std=c99 $strict -g -fsanitize=address,undefined -fno-omit-frame-pointer -Iinclude \
    tests/c/test_abi.c $link -o "$work/test_abi_asan"
  ASAN_OPTIONS=detect_leaks=1 "$work/test_abi_asan"
else
  echo "run.sh: clang is missing; install clang for the AddressSanitizer run" >&2
  exit 1
fi

# Calls from a pthread key destructor while a thread exits: no abort, nothing on stderr.
"$CC" -std=c99 $strict -Iinclude tests/c/test_thread_exit.c $link -lpthread -o "$work/test_thread_exit"
timeout 60 "$work/test_thread_exit" 2> "$work/thread_exit.err"
if [ -s "$work/thread_exit.err" ]; then
  echo "test_thread_exit: the library wrote to stderr:" >&2; cat "$work/thread_exit.err" >&2; exit 1
fi

# A resolver that hangs: the login times out on time and freeing the client does not wait.
"$CC" -std=c99 -Wall -Wextra -Werror -shared -fPIC tests/c/slow_resolver.c -ldl -o "$work/slow_resolver.so"
"$CC" -std=c99 $strict -Iinclude tests/c/test_slow_resolver.c $link -o "$work/test_slow_resolver"
LD_PRELOAD="$work/slow_resolver.so" timeout 60 "$work/test_slow_resolver"

# A caught panic, against a debug build with the test-only feature (never a release one).
cargo build --quiet -p ucontact --features test-panic
debug_dir=$PWD/target/debug
"$CC" -std=c99 $strict -Iinclude tests/c/test_panic.c -L"$debug_dir" -lucontact \
  -Wl,-rpath,"$debug_dir" -o "$work/test_panic"
ln -sf libucontact.so "$debug_dir/libucontact.so.0"
timeout 120 "$work/test_panic" 2> "$work/panic.err"
if [ -s "$work/panic.err" ]; then
  echo "test_panic: the library wrote to stderr:" >&2; cat "$work/panic.err" >&2; exit 1
fi
valgrind --quiet --error-exitcode=99 --suppressions=tests/c/valgrind.supp --leak-check=full \
  --errors-for-leak-kinds=definite,indirect --show-leak-kinds=definite,indirect "$work/test_panic"

"$CC" -std=c99 $strict -Iinclude tests/c/test_dlopen.c -ldl -o "$work/test_dlopen"
"$work/test_dlopen" "$lib_dir/libucontact.so" "$UCONTACT_TEST_PLAIN"
valgrind --quiet --error-exitcode=99 --suppressions=tests/c/valgrind.supp --leak-check=full --errors-for-leak-kinds=definite,indirect \
  --show-leak-kinds=definite,indirect "$work/test_dlopen" "$lib_dir/libucontact.so" "$UCONTACT_TEST_PLAIN"
