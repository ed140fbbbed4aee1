"""Finds and loads libucontact, and declares the signature of every function it exports.

The library is looked for in this order, and the first copy that loads and exports every
function below is used:

1. the file named by the ``UCONTACT_LIBRARY`` environment variable, when it is set and not
   empty (a relative path is taken from the current folder, never searched for);
2. ``libucontact.so`` inside this package, where ``pip install`` puts it;
3. ``libucontact.so.0`` on the system's search path (``LD_LIBRARY_PATH``, the linker cache,
   the default folders). The SONAME is asked for, not ``ctypes.util.find_library``, because
   its major number is the ABI: an unversioned or other-major copy is never picked up.

When none loads, importing the package raises ``ImportError`` naming every place tried and
why each failed. A broken ``UCONTACT_LIBRARY`` does not stop the search; `library_path()`
tells which copy was loaded.
"""

from __future__ import annotations

import ctypes
import os
from pathlib import Path
from typing import Any

LIBRARY_ENV = "UCONTACT_LIBRARY"
BUNDLED_NAME = "libucontact.so"
SYSTEM_NAME = "libucontact.so.0"

# The constants of include/ucontact.h that this package uses.
TOKEN_BUFFER_SIZE = 1024
ERROR_BUFFER_SIZE = 512
DEFAULT_CONNECT_TIMEOUT_MS = 10000
DEFAULT_TOTAL_TIMEOUT_MS = 30000
MAX_TIMEOUT_MS = 2**32 - 1


class ClientStruct(ctypes.Structure):
    """The opaque ``ucontact_client``: only ever handled through a pointer."""


ClientPointer = ctypes.POINTER(ClientStruct)
_char_p = ctypes.c_char_p
_out_buf = ctypes.POINTER(ctypes.c_char)

# name: (restype, argtypes), one entry per function of the header.
_SIGNATURES: dict[str, tuple[Any, list[Any]]] = {
    "ucontact_get_user_token": (
        ctypes.c_int32,
        [_char_p, _char_p, _char_p, _out_buf, ctypes.c_size_t],
    ),
    "ucontact_client_new": (ClientPointer, [_char_p]),
    "ucontact_client_free": (None, [ClientPointer]),
    "ucontact_client_set_timeouts": (
        ctypes.c_int32,
        [ClientPointer, ctypes.c_uint32, ctypes.c_uint32],
    ),
    "ucontact_client_set_ca_file": (ctypes.c_int32, [ClientPointer, _char_p]),
    "ucontact_client_set_proxy": (ctypes.c_int32, [ClientPointer, _char_p]),
    "ucontact_client_set_user_agent": (ctypes.c_int32, [ClientPointer, _char_p]),
    "ucontact_client_get_user_token": (
        ctypes.c_int32,
        [ClientPointer, _char_p, _char_p, _out_buf, ctypes.c_size_t],
    ),
    "ucontact_last_error_code": (ctypes.c_int32, []),
    "ucontact_strerror": (_char_p, [ctypes.c_int32]),
    "ucontact_last_error_message": (ctypes.c_size_t, [_out_buf, ctypes.c_size_t]),
    "ucontact_version": (_char_p, []),
}


def _candidates() -> list[tuple[str, str | None]]:
    """Each place to try, in order: (how the error message names it, what to give dlopen),
    or (the message's words for it, None) when there is nothing to try there."""
    override = os.environ.get(LIBRARY_ENV, "")
    bundled = Path(__file__).resolve().parent / BUNDLED_NAME
    return [
        (f"${LIBRARY_ENV}={override}", os.path.abspath(override))
        if override
        else (f"${LIBRARY_ENV}: not set", None),
        (f"the copy in the package, {bundled}", str(bundled))
        if bundled.is_file()
        else (f"the copy in the package, {bundled}: no such file", None),
        (f"the system search path, {SYSTEM_NAME}", SYSTEM_NAME),
    ]


def _declare(library: ctypes.CDLL) -> None:
    """Sets restype and argtypes on every function; AttributeError names a missing one."""
    for name, (restype, argtypes) in _SIGNATURES.items():
        function = getattr(library, name)
        function.restype = restype
        function.argtypes = argtypes


def _load() -> tuple[ctypes.CDLL, str]:
    failures: list[str] = []
    for description, target in _candidates():
        if target is None:
            failures.append(description)
            continue
        try:
            library = ctypes.CDLL(target)
            _declare(library)
        except OSError as error:
            failures.append(f"{description}: {error}")
            continue
        except AttributeError as error:
            failures.append(f"{description}: not a ucontact library of this version ({error})")
            continue
        return library, target
    raise ImportError(
        "cannot load the ucontact native library; tried, in order:\n  - "
        + "\n  - ".join(failures)
        + f"\nBuild it with `make build` in the repository and set {LIBRARY_ENV} to the path "
        "of target/release/libucontact.so, or reinstall the package with `pip install`."
    )


lib, loaded_from = _load()
