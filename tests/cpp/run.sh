#!/bin/sh
# The C and C++ user experience, end to end: `make install` into a temporary prefix;
# the installed files, the SONAME and the exported symbols; the examples built with
# CMake (find_package) and with plain cc/c++ and pkg-config, shared and static, run
# against local uContact servers; the CMake package's version check; a DESTDIR install
# moved elsewhere; `make uninstall`; and the C++ wrapper's own tests
# (tests/cpp/wrapper_test.cpp).
#
#   make test-cpp            (builds the library first)
#
# Needs cc, c++, cmake, pkg-config, curl and jq. Prints one PASS or FAIL line per check,
# then "N passed, N failed" alone on the last line; exits non-zero on any failure.
set -u
cd "$(dirname "$0")/../.."
root=$PWD
: "${UCONTACT_SERVER_BIN:=$root/target/release/ucontact-server}"
: "${CC:=cc}"
: "${CXX:=c++}"
: "${MAKE:=make}"

demo_token=ZGVtbzowYjZmMmM5ZS00ZDFhLTRmN2UtOWMzYi01YThkN2U2ZjFhMjA=
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)
major=${version%%.*}
warnings="-Wall -Wextra -Werror -pedantic"

passed=0
failed=0
pass() { passed=$((passed + 1)); echo "PASS $1"; }
fail() { failed=$((failed + 1)); echo "FAIL $1${2:+: $2}"; }

# check NAME COMMAND...: passes when COMMAND succeeds; shows its output when not.
check() {
  name=$1
  shift
  if out=$("$@" 2>&1); then
    pass "$name"
  else
    fail "$name" "exit status $?"
    printf '%s\n' "$out" | sed 's/^/    /'
  fi
}

# expect NAME ACTUAL EXPECTED
expect() {
  if [ "$2" = "$3" ]; then
    pass "$1"
  else
    fail "$1" "got [$2], expected [$3]"
  fi
}

# refused NAME STATUS MESSAGE MAKE_ARGS...: make must fail with STATUS and say MESSAGE.
refused() {
  name=$1 want_status=$2 want=$3
  shift 3
  out=$($MAKE --no-print-directory "$@" 2>&1)
  status=$?
  expect "$name" "$status $(printf '%s' "$out" | grep -c -F "$want")" "$want_status 1"
}
finish() {
  echo "$passed passed, $failed failed"
  [ "$failed" -eq 0 ]
  exit
}

work=$(mktemp -d)
servers=
cleanup() {
  exec 3>&-
  for pid in $servers; do kill "$pid" 2>/dev/null; done
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

for tool in "$CC" "$CXX" cmake pkg-config curl jq readelf nm; do
  command -v "$tool" >/dev/null 2>&1 || { fail "tool_$tool" "$tool is not installed"; finish; }
done

# --- install into a temporary prefix ----------------------------------------------------

prefix=$work/prefix
libdir=$prefix/lib
check install_into_temporary_prefix $MAKE --no-print-directory install PREFIX="$prefix"
[ -f "$prefix/share/ucontact/install-manifest.txt" ] || finish

expected_files="$prefix/include/ucontact.h
$prefix/include/ucontact.hpp
$libdir/cmake/ucontact/ucontactConfig.cmake
$libdir/cmake/ucontact/ucontactConfigVersion.cmake
$libdir/libucontact.a
$libdir/libucontact.so
$libdir/libucontact.so.$major
$libdir/libucontact.so.$version
$libdir/pkgconfig/ucontact-static.pc
$libdir/pkgconfig/ucontact.pc
$prefix/share/ucontact/install-manifest.txt"
expect installs_exactly_the_documented_files \
  "$(find "$prefix" -type f -o -type l | LC_ALL=C sort)" "$expected_files"
expect manifest_lists_every_installed_file \
  "$(LC_ALL=C sort "$prefix/share/ucontact/install-manifest.txt")" "$expected_files"
expect soname_link_points_at_versioned_file "$(readlink "$libdir/libucontact.so.$major")" \
  "libucontact.so.$version"
expect dev_link_points_at_soname_link "$(readlink "$libdir/libucontact.so")" "libucontact.so.$major"
check installed_files_are_the_built_ones sh -c "
  cmp target/release/libucontact.so '$libdir/libucontact.so.$version' &&
  cmp target/release/libucontact.a '$libdir/libucontact.a' &&
  cmp include/ucontact.h '$prefix/include/ucontact.h' &&
  cmp include/ucontact.hpp '$prefix/include/ucontact.hpp'"

# --- the shared library's ABI -----------------------------------------------------------

so=$libdir/libucontact.so.$version
expect soname_is_libucontact_so_major \
  "$(readelf -d "$so" | sed -n 's/.*(SONAME).*\[\(.*\)\]/\1/p')" "libucontact.so.$major"

# The functions ucontact.h declares (comments removed by the preprocessor) against the
# symbols the library defines in its dynamic table: nothing more, nothing less.
declared=$("$CC" -E -P -x c "$prefix/include/ucontact.h" |
  grep -o 'ucontact_[a-z0-9_]*[[:space:]]*(' | sed 's/[[:space:]]*($//' | LC_ALL=C sort -u)
exported=$(nm -D --defined-only "$so" | awk '{ print $NF }' | LC_ALL=C sort -u)
expect exports_exactly_the_declared_functions "$exported" "$declared"
# Guards the comparison against a header that the extraction reads as empty.
expect header_declarations_are_read \
  "$(printf '%s\n' "$declared" | grep -c -x -e ucontact_get_user_token -e ucontact_version)" 2
expect exported_symbols_are_all_functions \
  "$(nm -D --defined-only "$so" | awk '$2 != "T" { print }')" ""

# Only the C runtime: no OpenSSL (libssl, libcrypto) nor any other library.
c_runtime='^(libc|libm|libgcc_s|libpthread|libdl|librt|libutil|ld-linux-[a-z0-9_-]+)\.so\.[0-9]+$'
needed=$(readelf -d "$so" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | grep -v -E "$c_runtime")
expect needs_only_the_c_runtime "$needed" ""
expect loads_no_openssl "$(ldd "$so" | grep -i -E 'libssl|libcrypto')" ""

# --- local uContact servers -------------------------------------------------------------

# Every server reads its stdin from one FIFO that this script holds open on fd 3: when
# the script ends, however it ends, fd 3 closes and the servers exit (--exit-with-stdin).
mkfifo "$work/servers.stdin"
exec 3<>"$work/servers.stdin"

# start_server NAME ARGS...: starts a server; its JSON line lands in $work/NAME.json.
start_server() {
  name=$1
  shift
  "$UCONTACT_SERVER_BIN" --exit-with-stdin "$@" <"$work/servers.stdin" >"$work/$name.json" \
    2>"$work/$name.err" 3>&- &
  last_server=$!
  servers="$servers $last_server"
  tries=0
  while [ ! -s "$work/$name.json" ] && [ "$tries" -lt 200 ]; do
    sleep 0.05
    tries=$((tries + 1))
  done
  [ -s "$work/$name.json" ] || { fail "server_${name}_starts" "$(cat "$work/$name.err")"; finish; }
}
server_url() { jq -r .url "$work/$1.json"; }

start_server main --user demo=demo-password --user 'zoë=p&ss wörd=1' \
  --token 'zoë=em_token-for.zoe~1'
url=$(server_url main)
start_server status --fault status:503
start_server silent --fault silent
start_server tls --tls "$work/tls"
ca_file=$(jq -r .ca_file "$work/tls.json")
# A loopback port where nothing listens: a server's, once it is stopped.
start_server closed
closed_url=$(server_url closed)
kill "$last_server" && wait "$last_server" 2>/dev/null

# --- the examples, built with CMake against the installed package -----------------------

# cmake_build NAME SOURCE_DIR CMAKE_ARGS...: configures and builds into $work/NAME,
# against the package in $build_prefix when set, else in $prefix.
cmake_build() {
  name=$1
  src=$2
  shift 2
  cmake -S "$src" -B "$work/$name" -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_PREFIX_PATH="${build_prefix:-$prefix}" "$@" >"$work/$name.log" 2>&1 &&
    cmake --build "$work/$name" >>"$work/$name.log" 2>&1 || { cat "$work/$name.log"; return 1; }
}

# token_from NAME PROGRAM ARGS...: runs an example with the demo password; it must print
# exactly the demo token.
token_from() {
  name=$1
  shift
  if [ ! -x "$1" ]; then
    fail "$name" "$1 was not built"
    return
  fi
  expect "$name" "$(UCONTACT_PASSWORD=demo-password "$@" 2>&1)" "$demo_token"
}

# needs PROGRAM LIBRARY: whether PROGRAM records LIBRARY as NEEDED (yes or no).
needs() {
  if readelf -d "$1" | grep -q "(NEEDED).*\[$2\]"; then echo yes; else echo no; fi
}

check cmake_builds_c_example cmake_build c-shared examples/c-cmake -DCMAKE_C_FLAGS="$warnings"
token_from c_example_cmake_prints_token "$work/c-shared/get_token" "$url" demo
expect c_example_cmake_links_the_soname \
  "$(needs "$work/c-shared/get_token" "libucontact.so.$major")" yes

check cmake_builds_c_example_static cmake_build c-static examples/c-cmake \
  -DCMAKE_C_FLAGS="$warnings" -DUCONTACT_STATIC=ON
token_from c_example_cmake_static_prints_token "$work/c-static/get_token" "$url" demo
expect c_example_cmake_static_needs_no_libucontact \
  "$(readelf -d "$work/c-static/get_token" | grep -c 'libucontact')" 0

check cmake_builds_cpp_example cmake_build cpp-shared examples/cpp -DCMAKE_CXX_FLAGS="$warnings"
token_from cpp_example_cmake_prints_token "$work/cpp-shared/get_token_cpp" "$url" demo
expect cpp_example_cmake_links_the_soname \
  "$(needs "$work/cpp-shared/get_token_cpp" "libucontact.so.$major")" yes

check cmake_builds_cpp_example_static cmake_build cpp-static examples/cpp \
  -DCMAKE_CXX_FLAGS="$warnings" -DUCONTACT_STATIC=ON
token_from cpp_example_cmake_static_prints_token "$work/cpp-static/get_token_cpp" "$url" demo

# The examples' other paths: a private CA, a refused login, an invalid domain.
expect c_example_trusts_ca_file_from_env \
  "$(UCONTACT_CA_FILE=$ca_file UCONTACT_PASSWORD=demo-password \
    "$work/c-shared/get_token" "$(server_url tls)" demo 2>&1)" "$demo_token"
expect cpp_example_trusts_ca_file_from_env \
  "$(UCONTACT_CA_FILE=$ca_file UCONTACT_PASSWORD=demo-password \
    "$work/cpp-shared/get_token_cpp" "$(server_url tls)" demo 2>&1)" "$demo_token"
for example in c-shared/get_token cpp-shared/get_token_cpp; do
  out=$(UCONTACT_PASSWORD=Wrong-Pa55word-7f3a "$work/$example" "$url" demo 2>&1)
  status=$?
  leaked=$(printf '%s' "$out" | grep -c 'Wrong-Pa55word')
  coded=$(printf '%s' "$out" | grep -c '(301)')
  expect "${example#*/}_reports_rejected_login_without_password" "$status $leaked $coded" "1 0 1"
  out=$(UCONTACT_PASSWORD=x "$work/$example" https://evil.example/path demo 2>&1)
  expect "${example#*/}_reports_invalid_domain" "$? $(printf '%s' "$out" | grep -c 'no path') $(printf '%s' "$out" | grep -c '(103)')" "1 1 1"
done

# --- the examples, built with plain cc/c++ and pkg-config -------------------------------

export PKG_CONFIG_PATH="$libdir/pkgconfig"
# pkg-config's answer without the trailing space pkgconf adds.
pc() { pkg-config "$@" | sed 's/[[:space:]]*$//'; }
expect pkg_config_reports_version "$(pc --modversion ucontact)" "$version"
expect pkg_config_cflags "$(pc --cflags ucontact)" "-I$prefix/include"
expect pkg_config_libs "$(pc --libs ucontact)" "-L$libdir -lucontact"
expect pkg_config_static_libs "$(pc --libs ucontact-static)" \
  "$libdir/libucontact.a -lgcc_s -lutil -lrt -lpthread -lm -ldl -lc"

# shellcheck disable=SC2046 # pkg-config's output is meant to be split into words
check pkg_config_builds_c_example "$CC" -std=c99 $warnings -o "$work/pc-c" \
  examples/c-cmake/get_token.c $(pkg-config --cflags --libs ucontact) -Wl,-rpath,"$libdir"
token_from c_example_pkg_config_prints_token "$work/pc-c" "$url" demo

# shellcheck disable=SC2046
check pkg_config_builds_cpp_example "$CXX" -std=c++11 $warnings -o "$work/pc-cpp" \
  examples/cpp/get_token.cpp $(pkg-config --cflags --libs ucontact) -Wl,-rpath,"$libdir"
token_from cpp_example_pkg_config_prints_token "$work/pc-cpp" "$url" demo

# shellcheck disable=SC2046
check pkg_config_builds_lead_c_example "$CC" -std=c99 $warnings -o "$work/pc-lead" \
  examples/get_token.c $(pkg-config --cflags --libs ucontact) -Wl,-rpath,"$libdir"
token_from lead_c_example_pkg_config_prints_token "$work/pc-lead" "$url" demo

# The archive with exactly the system libraries install.mk writes down: a missing one
# fails this link.
# shellcheck disable=SC2046
check pkg_config_static_builds_c_example "$CC" -std=c99 $warnings -o "$work/pc-c-static" \
  examples/c-cmake/get_token.c $(pkg-config --cflags --libs ucontact-static)
token_from c_example_pkg_config_static_prints_token "$work/pc-c-static" "$url" demo
expect c_example_pkg_config_static_needs_no_libucontact \
  "$(readelf -d "$work/pc-c-static" | grep -c 'libucontact')" 0

# --- the CMake package's version check (SameMajorVersion) -------------------------------

# find_version LABEL REQUEST...: what find_package(ucontact REQUEST) says: the version
# found and the library's location, or "not found" (cmake's output: $work/LABEL.log).
# find_prefix and find_args, when set, replace the prefix and add cmake arguments.
find_version() {
  dir=$work/$1
  shift
  request=$(printf '%s;' "$@")
  # shellcheck disable=SC2086 # find_args holds whole arguments
  if cmake -S tests/cpp/find-version -B "$dir" -DCMAKE_PREFIX_PATH="${find_prefix:-$prefix}" \
    ${find_args:-} "-DREQUEST=${request%;}" >"$dir.log" 2>&1; then
    sed -n 's/.*found ucontact \(.*\)$/\1/p' "$dir.log"
  else
    echo "not found"
  fi
}
found="$version at $so"
minor=${version#*.}
minor=${minor%%.*}
expect find_package_without_version "$(find_version f-any)" "$found"
expect find_package_same_version "$(find_version f-same "$version")" "$found"
expect find_package_exact_version "$(find_version f-exact "$version" EXACT)" "$found"
expect find_package_older_minor "$(find_version f-older "$major.0")" "$found"
expect find_package_refuses_newer_minor "$(find_version f-newer "$major.$((minor + 1))")" \
  "not found"
expect find_package_refuses_next_major "$(find_version f-major "$((major + 1))")" "not found"
expect find_package_range_containing "$(find_version f-range "$major.0...$((major + 1)).0")" \
  "$found"
expect find_package_refuses_range_excluding "$(find_version f-below "$major.0...<$version")" \
  "not found"
expect find_package_refuses_range_of_other_major \
  "$(find_version f-range-major "$((major + 1)).0...$((major + 2)).0")" "not found"
expect find_package_refuses_other_pointer_size \
  "$(find_args=-DCMAKE_SIZEOF_VOID_P=4 find_version f-32bit "$version")" "not found"

# --- the C++ wrapper's own tests --------------------------------------------------------

# shellcheck disable=SC2046
check wrapper_tests_compile_as_cxx11 "$CXX" -std=c++11 $warnings -Wshadow -Wconversion \
  -Wold-style-cast -pthread -o "$work/wrapper_test" tests/cpp/wrapper_test.cpp \
  tests/cpp/second_unit.cpp $(pkg-config --cflags --libs ucontact) -Wl,-rpath,"$libdir"
for std in c++14 c++17 c++20; do
  # shellcheck disable=SC2046
  check "wrapper_header_compiles_as_$std" "$CXX" -std=$std $warnings -Wshadow -Wconversion \
    -fsyntax-only $(pkg-config --cflags ucontact) tests/cpp/wrapper_test.cpp
done
if command -v clang++ >/dev/null 2>&1; then
  # shellcheck disable=SC2046
  check wrapper_header_compiles_with_clang clang++ -std=c++11 $warnings -Wshadow \
    -Wconversion -Wold-style-cast -fsyntax-only $(pkg-config --cflags ucontact) \
    tests/cpp/wrapper_test.cpp
fi
echo '#include <ucontact.hpp>' >"$work/cxx98.cpp"
"$CXX" -std=c++98 -fsyntax-only -I"$prefix/include" "$work/cxx98.cpp" >"$work/cxx98.err" 2>&1
expect header_refuses_cxx98_clearly \
  "$? $(grep -q 'needs C++11 or later' "$work/cxx98.err" && echo says-why)" "1 says-why"

# run_wrapper_tests LABEL PROGRAM: runs the wrapper tests, counting their PASS and FAIL
# lines as checks of this script, and fails LABEL when the program stops early.
run_wrapper_tests() {
  [ -x "$2" ] || { fail "$1" "$2 was not built"; return; }
  UCONTACT_TEST_URL=$url \
    UCONTACT_TEST_STATUS_URL=$(server_url status) \
    UCONTACT_TEST_SILENT_URL=$(server_url silent) \
    UCONTACT_TEST_CLOSED_URL=$closed_url \
    UCONTACT_TEST_TLS_URL=$(server_url tls) \
    UCONTACT_TEST_CA_FILE=$ca_file \
    UCONTACT_TEST_VERSION=$version \
    "$2" >"$work/$1.out" 2>&1
  status=$?
  sed "s/^\(PASS\|FAIL\) /\1 $1: /" "$work/$1.out"
  ran_pass=$(grep -c '^PASS ' "$work/$1.out")
  ran_fail=$(grep -c '^FAIL ' "$work/$1.out")
  passed=$((passed + ran_pass))
  failed=$((failed + ran_fail))
  if [ "$status" -ne 0 ] && [ "$ran_fail" -eq 0 ]; then
    fail "$1" "exit status $status with no failing test: a crash, or a sanitizer's report above"
  fi
  expect "$1_ran_every_test" "$((ran_pass + ran_fail))" \
    "$(grep -c '^      {"' tests/cpp/wrapper_test.cpp)"
}
run_wrapper_tests wrapper "$work/wrapper_test"

# The bytes the server decoded for the wrapper's UTF-8 login (the user zoë).
requests=$(curl -sS "$url/__ucontact/requests")
zoe=$(printf '%s' "$requests" | jq -c '[.[] | select(.fields.user == "zoë")] | last')
expect wrapper_login_sends_exact_fields "$(printf '%s' "$zoe" | jq -r '.fields.password')" \
  'p&ss wörd=1'
expect wrapper_login_sends_exact_body "$(printf '%s' "$zoe" | jq -r '.body')" \
  'user=zo%C3%AB&password=p%26ss+w%C3%B6rd%3D1'
expect wrapper_login_sends_user_agent "$(printf '%s' "$zoe" | jq -r '.user_agent')" \
  'ucontact-cpp-test/1.0'

# Again under AddressSanitizer and UBSan, with leak checks: every client freed once.
# shellcheck disable=SC2046
if "$CXX" -std=c++11 $warnings -g -fsanitize=address,undefined -fno-omit-frame-pointer \
  -fno-sanitize-recover=all -pthread -o "$work/wrapper_test_asan" tests/cpp/wrapper_test.cpp \
  tests/cpp/second_unit.cpp $(pkg-config --cflags --libs ucontact) -Wl,-rpath,"$libdir" \
  >"$work/asan-build.log" 2>&1; then
  ASAN_OPTIONS=detect_leaks=1 run_wrapper_tests wrapper_asan "$work/wrapper_test_asan"
else
  fail wrapper_tests_build_with_sanitizers "$(cat "$work/asan-build.log")"
fi

# --- DESTDIR, another LIBDIR, a moved prefix, uninstall, bad input ----------------------

# A Debian-style multiarch LIBDIR, which CMake searches once a language is enabled.
multiarch=lib/$("$CC" -print-multiarch 2>/dev/null)
[ "$multiarch" != lib/ ] || multiarch=lib64
stage=$work/stage
check install_with_destdir_and_libdir $MAKE --no-print-directory install \
  DESTDIR="$stage" PREFIX=/opt/ucontact LIBDIR="$multiarch"
expect destdir_install_places_soname_link \
  "$(readlink "$stage/opt/ucontact/$multiarch/libucontact.so.$major")" "libucontact.so.$version"
expect destdir_pc_names_the_final_prefix \
  "$(PKG_CONFIG_PATH=$stage/opt/ucontact/$multiarch/pkgconfig pc --libs ucontact)" \
  "-L/opt/ucontact/$multiarch -lucontact"
expect destdir_manifest_names_the_final_prefix \
  "$(grep -c -v '^/opt/ucontact/' "$stage/opt/ucontact/share/ucontact/install-manifest.txt")" 0
cp -R "$stage/opt/ucontact" "$work/moved"
build_prefix=$work/moved
check cmake_builds_c_example_against_moved_prefix cmake_build c-moved examples/c-cmake
unset build_prefix
token_from c_example_from_moved_prefix_prints_token "$work/c-moved/get_token" "$url" demo
expect c_example_from_moved_prefix_runs_its_library \
  "$(readelf -d "$work/c-moved/get_token" | sed -n 's/.*(RUNPATH).*\[\(.*\)\]/\1/p')" \
  "$work/moved/$multiarch"
check uninstall_with_destdir $MAKE --no-print-directory uninstall \
  DESTDIR="$stage" PREFIX=/opt/ucontact LIBDIR="$multiarch"
expect uninstall_with_destdir_leaves_no_file "$(find "$stage" -type f -o -type l)" ""
refused uninstall_refuses_manifest_of_another_prefix 2 \
  "outside PREFIX=$work/moved; nothing removed" \
  uninstall PREFIX="$work/moved" LIBDIR="$multiarch"
expect refused_uninstall_removed_nothing "$(find "$work/moved" -type f -o -type l | wc -l)" 11

rm "$work/moved/$multiarch/libucontact.a"
expect incomplete_package_is_not_found \
  "$(find_args=-Ducontact_DIR="$work/moved/$multiarch/cmake/ucontact" \
    find_version f-incomplete "$version")" "not found"
expect incomplete_package_names_the_missing_file \
  "$(tr '\n' ' ' <"$work/f-incomplete.log" | tr -s ' ' | grep -c 'libucontact.a is missing')" 1

check uninstall_from_temporary_prefix $MAKE --no-print-directory uninstall PREFIX="$prefix"
expect uninstall_leaves_no_file "$(find "$prefix" -type f -o -type l)" ""

refused install_refuses_relative_prefix 2 "PREFIX must be an absolute path" \
  install PREFIX=relative/dir
refused install_refuses_absolute_libdir 2 "LIBDIR must be a path inside PREFIX" \
  install PREFIX="$work/x" LIBDIR=/usr/lib
refused install_refuses_spaces 2 "must not contain spaces" install PREFIX="$work/with space"
refused uninstall_without_install_says_so 2 "no ucontact installation in $work/none" \
  uninstall PREFIX="$work/none"
expect refused_install_wrote_nothing "$(ls "$work" | grep -c -E '^(x|with space|none)$')" 0

finish
