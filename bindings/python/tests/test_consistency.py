"""Facts kept in two places: the version (Cargo.toml, the package, the native library) and
the result codes (include/ucontact.h and ErrorCode)."""

from __future__ import annotations

import re

import tomllib

import ucontact

from conftest import PACKAGE_DIR, REPO

CARGO_TOML = REPO / "Cargo.toml"
HEADER = REPO / "include" / "ucontact.h"


def crate_version() -> str:
    return str(tomllib.loads(CARGO_TOML.read_text())["package"]["version"])


def test_package_version_is_the_crate_version():
    assert ucontact.__version__ == crate_version(), (
        f"{CARGO_TOML} says {crate_version()} but the Python package says "
        f"{ucontact.__version__}: update __version__ in "
        f"{PACKAGE_DIR / 'src' / 'ucontact' / '__init__.py'}"
    )


def test_native_library_version_is_the_crate_version():
    assert ucontact.version() == crate_version(), (
        f"the loaded library {ucontact.library_path()} is version {ucontact.version()}, but "
        f"{CARGO_TOML} says {crate_version()}: rebuild it with `make build`"
    )


def header_codes() -> dict[str, int]:
    defines = re.findall(
        r"^#define (UCONTACT_(?:OK|ERR_\w+)) (-?\d+)\s*$", HEADER.read_text(), flags=re.MULTILINE
    )
    return {name: int(value) for name, value in defines}


def test_header_has_the_codes_this_test_expects():
    codes = header_codes()
    assert codes["UCONTACT_OK"] == 0
    assert codes["UCONTACT_ERR_INTERNAL"] == 901


def test_every_header_code_is_in_the_enum_with_its_value():
    enum_codes = {code.header_name: int(code) for code in ucontact.ErrorCode}
    missing = {
        name: value for name, value in header_codes().items() if enum_codes.get(name) != value
    }
    assert not missing, (
        f"{HEADER} has codes that ucontact.ErrorCode lacks or numbers differently: {missing}; "
        f"update ErrorCode in {PACKAGE_DIR / 'src' / 'ucontact' / '_errors.py'}"
    )


def test_every_enum_code_is_in_the_header_with_its_value():
    codes = header_codes()
    extra = {
        code.header_name: int(code)
        for code in ucontact.ErrorCode
        if codes.get(code.header_name) != int(code)
    }
    assert not extra, (
        f"ucontact.ErrorCode has codes that {HEADER} lacks or numbers differently: {extra}; "
        f"update ErrorCode in {PACKAGE_DIR / 'src' / 'ucontact' / '_errors.py'}"
    )


def test_header_constants_the_package_copies_are_unchanged():
    from ucontact import _native

    header = HEADER.read_text()
    for name, value in [
        ("UCONTACT_TOKEN_BUFFER_SIZE", _native.TOKEN_BUFFER_SIZE),
        ("UCONTACT_ERROR_BUFFER_SIZE", _native.ERROR_BUFFER_SIZE),
        ("UCONTACT_DEFAULT_CONNECT_TIMEOUT_MS", _native.DEFAULT_CONNECT_TIMEOUT_MS),
        ("UCONTACT_DEFAULT_TOTAL_TIMEOUT_MS", _native.DEFAULT_TOTAL_TIMEOUT_MS),
    ]:
        assert re.search(rf"^#define {name} {value}\s*$", header, flags=re.MULTILINE), (
            f"{HEADER} no longer defines {name} as {value}: update it in "
            f"{PACKAGE_DIR / 'src' / 'ucontact' / '_native.py'}"
        )


def header_prototypes() -> dict[str, int]:
    """Each function of the header and its number of parameters."""
    prototypes = re.findall(
        r"^\S[^;(]*?\b(ucontact_\w+)\(([^)]*)\);", HEADER.read_text(), flags=re.MULTILINE
    )
    return {
        name: 0 if parameters.strip() == "void" else parameters.count(",") + 1
        for name, parameters in prototypes
    }


def test_every_header_function_has_a_declared_signature():
    from ucontact import _native

    declared = {name: len(argtypes) for name, (_, argtypes) in _native._SIGNATURES.items()}
    assert len(header_prototypes()) >= 12
    assert declared == header_prototypes(), (
        f"the functions of {HEADER} and the signatures in _native.py differ (name: number of "
        f"parameters): header {header_prototypes()}, _native.py {declared}"
    )
