"""The user's path: `pip install bindings/python` into a fresh virtual environment, then a
three-line script. pip fetches the build backend (hatchling) from the package index."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import DEMO_TOKEN, MACHINE_PROXY_ENVIRONMENT, PACKAGE_DIR, REPO
from test_consistency import crate_version

SCRIPT = """\
import sys, ucontact
token = ucontact.get_user_token(sys.argv[1], "demo", "demo-password")
print(token, ucontact.library_path(), ucontact.__version__, sep="\\n")
"""


def run(command: list[str], **options) -> subprocess.CompletedProcess[str]:
    ran = subprocess.run(command, capture_output=True, text=True, timeout=600, **options)
    assert ran.returncode == 0, f"{' '.join(command)} failed:\n{ran.stdout}\n{ran.stderr}"
    return ran


def without(*names: str) -> dict[str, str]:
    return {name: value for name, value in os.environ.items() if name not in names}


def for_pip(environment: dict[str, str]) -> dict[str, str]:
    """`environment` with the machine's proxy settings back, for pip to reach the index."""
    return {**environment, **MACHINE_PROXY_ENVIRONMENT}


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """A fresh venv with bindings/python installed by pip; its python."""
    venv = tmp_path_factory.mktemp("venv")
    run([sys.executable, "-m", "venv", str(venv)])
    python = venv / "bin" / "python"
    # When the library under test is the repository's release build, pip builds as a user
    # would after `make build`, with no UCONTACT_LIBRARY (the hook finds ../../target);
    # another build (PROFILE=debug) is passed on through UCONTACT_LIBRARY.
    release_build = (REPO / "target" / "release" / "libucontact.so").resolve()
    if Path(os.environ["UCONTACT_LIBRARY"]).resolve() == release_build:
        build_environment = without("PYTHONPATH", "UCONTACT_LIBRARY")
    else:
        build_environment = without("PYTHONPATH")
    run(
        [
            str(python),
            "-m",
            "pip",
            "install",
            "--disable-pip-version-check",
            "--quiet",
            str(PACKAGE_DIR),
        ],
        env=for_pip(build_environment),
    )
    return python


def test_a_script_in_a_fresh_venv_gets_the_exact_token(installed, server, tmp_path):
    script = tmp_path / "get_token.py"
    script.write_text(SCRIPT)
    # No UCONTACT_LIBRARY, no search path, no sources: only what pip installed.
    ran = run(
        [str(installed), str(script), server.url],
        cwd=tmp_path,
        env=without("UCONTACT_LIBRARY", "LD_LIBRARY_PATH", "PYTHONPATH"),
    )
    token, library, version = ran.stdout.splitlines()
    assert token == DEMO_TOKEN
    site_packages = run(
        [str(installed), "-c", "import sysconfig; print(sysconfig.get_path('platlib'))"]
    ).stdout.strip()
    assert library == str(Path(site_packages) / "ucontact" / "libucontact.so")
    assert version == crate_version()


def test_pip_installed_a_platform_wheel(installed):
    ran = run(
        [
            str(installed),
            "-c",
            "import importlib.metadata as m; print(m.distribution('ucontact').read_text('WHEEL'))",
        ]
    )
    assert "Root-Is-Purelib: false" in ran.stdout
    tags = [line.split(": ", 1)[1] for line in ran.stdout.splitlines() if line.startswith("Tag: ")]
    assert len(tags) == 1 and tags[0].startswith("py3-none-linux_"), tags


def test_the_installed_package_has_its_marker_and_command(installed, server):
    ran = run(
        [
            str(installed),
            "-c",
            "import importlib.resources as r; "
            "print(r.files('ucontact').joinpath('py.typed').is_file())",
        ]
    )
    assert ran.stdout == "True\n"
    command = installed.parent / "ucontact"
    ran = run(
        [str(command), server.url, "demo"],
        env={**without("UCONTACT_LIBRARY"), "UCONTACT_PASSWORD": "demo-password"},
    )
    assert ran.stdout == DEMO_TOKEN + "\n"


def copy_of_the_package(tmp_path: Path) -> Path:
    """bindings/python copied where ../../target/release does not exist."""
    destination = tmp_path / "a" / "b" / "python"
    shutil.copytree(
        PACKAGE_DIR,
        destination,
        ignore=shutil.ignore_patterns(
            "tests", "__pycache__", "*.so", "build", "*.egg-info", "dist"
        ),
    )
    return destination


def test_building_without_the_library_says_to_run_make_build(tmp_path):
    package = copy_of_the_package(tmp_path)
    ran = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--disable-pip-version-check",
            "--no-deps",
            "-w",
            str(tmp_path / "wheels"),
            str(package),
        ],
        env=for_pip(without("UCONTACT_LIBRARY", "PYTHONPATH")),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert ran.returncode != 0
    output = ran.stdout + ran.stderr
    assert "the native library is not built yet" in output
    assert "run `make build` first" in output
    assert not (tmp_path / "wheels").exists() or not list((tmp_path / "wheels").iterdir())


def test_build_hook_names_a_missing_override(tmp_path):
    sys.path.insert(0, str(PACKAGE_DIR))
    try:
        from hatch_build import NativeLibraryMissing, find_native_library
    finally:
        sys.path.remove(str(PACKAGE_DIR))
    missing = tmp_path / "libucontact.so"
    with pytest.raises(NativeLibraryMissing, match=r"run `make build` first") as caught:
        find_native_library({"UCONTACT_LIBRARY": str(missing)}, PACKAGE_DIR)
    assert f"UCONTACT_LIBRARY is {missing}, which is not a file" in str(caught.value)
    built = tmp_path / "built.so"
    built.write_bytes(b"")
    assert find_native_library({"UCONTACT_LIBRARY": str(built)}, tmp_path) == built.resolve()
    repository_build = tmp_path / "repo" / "target" / "release" / "libucontact.so"
    repository_build.parent.mkdir(parents=True)
    repository_build.write_bytes(b"")
    package_dir = tmp_path / "repo" / "bindings" / "python"
    package_dir.mkdir(parents=True)
    assert find_native_library({}, package_dir) == repository_build.resolve()
    assert find_native_library({"UCONTACT_LIBRARY": ""}, package_dir) == repository_build.resolve()
