"""Build hook: puts the native library into the wheel, which makes it a platform wheel.

The library is taken from ``$UCONTACT_LIBRARY`` when it is set, else from the repository's
``target/release/libucontact.so`` (two folders above this one), and is never built here:
the build stops with a message saying to run ``make build`` when it is missing. An sdist
carries no library, so a wheel built from one needs ``UCONTACT_LIBRARY``. Editable installs
carry none either; they find the library through ``UCONTACT_LIBRARY`` or the system.
"""

from __future__ import annotations

import os
import sysconfig
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

LIBRARY_ENV = "UCONTACT_LIBRARY"
DESTINATION = "ucontact/libucontact.so"


class NativeLibraryMissing(Exception):
    """The native library to put in the wheel does not exist."""


def find_native_library(environment: Mapping[str, str], package_dir: Path) -> Path:
    """The library file to ship: ``$UCONTACT_LIBRARY``, else ``../../target/release/
    libucontact.so`` relative to `package_dir`. Raises NativeLibraryMissing, saying what to
    do, when that file does not exist."""
    override = environment.get(LIBRARY_ENV, "")
    if override:
        library = Path(override)
        if not library.is_file():
            raise NativeLibraryMissing(
                f"{LIBRARY_ENV} is {override}, which is not a file: run `make build` first "
                f"in the repository root, or point {LIBRARY_ENV} at a built libucontact.so"
            )
        return library.resolve()
    library = package_dir / ".." / ".." / "target" / "release" / "libucontact.so"
    if not library.is_file():
        raise NativeLibraryMissing(
            f"the native library is not built yet: {library.resolve()} does not exist; run "
            f"`make build` first in the repository root, or set {LIBRARY_ENV} to the path of "
            "a built libucontact.so"
        )
    return library.resolve()


def platform_tag() -> str:
    """The wheel platform tag of this machine, such as ``linux_x86_64``."""
    return sysconfig.get_platform().replace("-", "_").replace(".", "_")


class NativeLibraryHook(BuildHookInterface):  # type: ignore[type-arg]
    """Adds the library to regular wheels and tags them ``py3-none-<platform>``: ctypes
    needs no particular Python ABI, but the library is for this platform only."""

    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel" or version == "editable":
            return
        library = find_native_library(os.environ, Path(self.root))
        build_data["force_include"][str(library)] = DESTINATION
        build_data["pure_python"] = False
        build_data["tag"] = f"py3-none-{platform_tag()}"
