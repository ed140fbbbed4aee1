# The entry points. `make demo` fetches a token from the local server through the C ABI;
# `make test` runs every test. Both build what they need.

CARGO   ?= cargo
CC      ?= cc
PROFILE ?= release
TARGET  := target/$(PROFILE)
LIB     := $(TARGET)/libucontact.so
SERVER  := $(TARGET)/ucontact-server
CARGO_PROFILE := $(if $(filter release,$(PROFILE)),--release,)
MAJOR   := $(shell sed -n 's/^version = "\([0-9]*\)\..*/\1/p' Cargo.toml | head -n 1)

export UCONTACT_LIBRARY := $(abspath $(LIB))
export UCONTACT_SERVER_BIN := $(abspath $(SERVER))

.PHONY: all deps build lib server demo test test-rust test-c test-python test-java test-csharp \
        test-cpp test-fuzz check-header clean

all: build

build: lib server

# The shared library (with its SONAME link, for programs linked against it in place),
# the static library and the header.
lib:
	$(CARGO) build $(CARGO_PROFILE) -p ucontact
	ln -sf libucontact.so $(TARGET)/libucontact.so.$(MAJOR)

server:
	$(CARGO) build $(CARGO_PROFILE) -p ucontact-server

demo: build
	sh examples/demo.sh

# What the full test run needs on a fresh Debian machine (run as root). Each wrapper's
# script installs its own toolchain's packages.
APT_PACKAGES := clang libclang-rt-14-dev valgrind pkg-config cmake g++ curl jq python3-venv
deps:
	if ! dpkg -s $(APT_PACKAGES) > /dev/null 2>&1; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(APT_PACKAGES); fi
	command -v cargo-fuzz > /dev/null || $(CARGO) install --locked cargo-fuzz
	for script in bindings/*/ci-deps.sh; do [ -f "$$script" ] && sh "$$script" || exit 1; done

check-header: lib
	@git diff --quiet -- include/ucontact.h || { \
	  echo "include/ucontact.h is stale: the build regenerated it; commit the new header"; \
	  git --no-pager diff --stat -- include/ucontact.h; exit 1; }

test: check-header test-rust test-fuzz test-c test-python test-java test-csharp test-cpp
	@echo "all test suites passed"

test-rust:
	$(CARGO) test --workspace --features test-panic

# A bounded run of the fuzz targets (FUZZ_SECONDS each, default 20).
test-fuzz:
	sh fuzz/run.sh

test-c: build
	sh tests/c/run.sh

test-python: build
	sh bindings/python/run-tests.sh

test-java: build
	sh bindings/java/run-tests.sh

test-csharp: build
	sh bindings/csharp/run-tests.sh

test-cpp: build
	sh tests/cpp/run.sh

-include mk/*.mk

clean:
	$(CARGO) clean
