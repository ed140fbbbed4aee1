"""Where the package looks for the native library, in each case in a child Python that
imports a copy of the package's sources, so that nothing of this process interferes."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import PACKAGE_DIR, REPO
from test_consistency import crate_version

REPORT = "import ucontact; print(ucontact.library_path()); print(ucontact.version())"


def built_library() -> Path:
    return Path(
        os.environ.get("UCONTACT_LIBRARY") or REPO / "target" / "release" / "libucontact.so"
    ).resolve()


def package_copy(tmp_path: Path, with_library: bool) -> Path:
    """A copy of src/ucontact under tmp_path, with or without libucontact.so inside."""
    destination = tmp_path / "site" / "ucontact"
    shutil.copytree(
        PACKAGE_DIR / "src" / "ucontact",
        destination,
        ignore=shutil.ignore_patterns("*.so", "*.so.*", "__pycache__"),
    )
    if with_library:
        shutil.copy(built_library(), destination / "libucontact.so")
    return destination


def run_python(tmp_path: Path, code: str, **environment: str) -> subprocess.CompletedProcess[str]:
    child_environment = {
        name: value
        for name, value in os.environ.items()
        if name not in ("UCONTACT_LIBRARY", "LD_LIBRARY_PATH", "PYTHONPATH")
    }
    child_environment["PYTHONPATH"] = str(tmp_path / "site")
    child_environment.update(environment)
    return subprocess.run(
        [sys.executable, "-c", code],
        env=child_environment,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def no_system_library(tmp_path: Path) -> None:
    # Asked in a child: in this process the SONAME libucontact.so.0 is already loaded.
    probe = run_python(tmp_path, "import ctypes; ctypes.CDLL('libucontact.so.0')")
    if probe.returncode == 0:
        pytest.skip("libucontact.so.0 is installed on this machine's search path")


def test_the_environment_variable_comes_first(tmp_path):
    package_copy(tmp_path, with_library=True)
    other = tmp_path / "elsewhere" / "libucontact.so"
    other.parent.mkdir()
    shutil.copy(built_library(), other)
    ran = run_python(tmp_path, REPORT, UCONTACT_LIBRARY=str(other))
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout.splitlines()[0] == str(other)


def test_a_relative_environment_path_is_taken_from_the_current_folder(tmp_path):
    package_copy(tmp_path, with_library=False)
    shutil.copy(built_library(), tmp_path / "libucontact.so")
    ran = run_python(tmp_path, REPORT, UCONTACT_LIBRARY="libucontact.so")
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout.splitlines()[0] == str(tmp_path / "libucontact.so")


def test_the_copy_in_the_package_comes_second(tmp_path):
    package = package_copy(tmp_path, with_library=True)
    ran = run_python(tmp_path, REPORT)
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout.splitlines()[0] == str(package / "libucontact.so")


def test_a_broken_override_falls_back_to_the_copy_in_the_package(tmp_path):
    package = package_copy(tmp_path, with_library=True)
    ran = run_python(tmp_path, REPORT, UCONTACT_LIBRARY=str(tmp_path / "missing.so"))
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout.splitlines()[0] == str(package / "libucontact.so")


def test_the_system_search_path_comes_last(tmp_path, no_system_library):
    package_copy(tmp_path, with_library=False)
    system = tmp_path / "lib"
    system.mkdir()
    (system / "libucontact.so.0").symlink_to(built_library())
    ran = run_python(tmp_path, REPORT, LD_LIBRARY_PATH=str(system))
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout.splitlines() == ["libucontact.so.0", crate_version()]


def test_no_library_anywhere_is_an_import_error_naming_every_place(tmp_path, no_system_library):
    package = package_copy(tmp_path, with_library=False)
    missing = tmp_path / "missing.so"
    ran = run_python(tmp_path, "import ucontact", UCONTACT_LIBRARY=str(missing))
    assert ran.returncode == 1
    assert "ImportError: cannot load the ucontact native library; tried, in order:" in ran.stderr
    assert f"$UCONTACT_LIBRARY={missing}: {missing}: cannot open shared object file" in ran.stderr
    assert f"the copy in the package, {package / 'libucontact.so'}: no such file" in ran.stderr
    assert "the system search path, libucontact.so.0: libucontact.so.0: cannot open" in ran.stderr
    assert "`make build`" in ran.stderr


def test_an_unset_override_is_reported_as_not_set(tmp_path, no_system_library):
    package_copy(tmp_path, with_library=False)
    ran = run_python(tmp_path, "import ucontact")
    assert "$UCONTACT_LIBRARY: not set" in ran.stderr


def another_shared_library() -> str:
    """A shared object that loads but is not libucontact: the _ctypes extension module."""
    import _ctypes

    return str(Path(_ctypes.__file__).resolve())


def test_a_library_that_is_not_ucontact_is_skipped(tmp_path):
    package = package_copy(tmp_path, with_library=True)
    ran = run_python(tmp_path, REPORT, UCONTACT_LIBRARY=another_shared_library())
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout.splitlines()[0] == str(package / "libucontact.so")


def test_a_library_that_is_not_ucontact_is_named_in_the_error(tmp_path, no_system_library):
    package_copy(tmp_path, with_library=False)
    other = another_shared_library()
    ran = run_python(tmp_path, "import ucontact", UCONTACT_LIBRARY=other)
    assert ran.returncode == 1
    assert f"$UCONTACT_LIBRARY={other}: not a ucontact library of this version (" in ran.stderr
    assert "undefined symbol: ucontact_get_user_token" in ran.stderr
