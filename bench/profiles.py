"""Where each client's time goes, for the analysis in BENCHMARKS.md: CPU samples by
shared object (perf), system calls per login (strace -c), instruction counts of one cold
login (valgrind's callgrind) and Python's import times. Called by bench/harness.py after
the measurements, against the same nginx; each tool that is missing is skipped and said
so. These runs are slowed by the tools: they explain the figures, they are not figures.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile

PERF_CLIENTS = {
    "h1": ["c-libcurl", "c-ucontact-client", "rust-reqwest", "py-ucontact", "py-httpclient",
           "py-requests", "java-ucontact", "java-httpclient", "cs-ucontact"],
    "h2": ["c-libcurl", "c-ucontact-client", "rust-reqwest"],
}
STRACE_CLIENTS = {
    "h1": ["c-libcurl", "c-ucontact-client", "rust-reqwest", "design-shared-current-thread",
           "py-ucontact", "py-httpclient"],
    "h2": ["c-libcurl", "c-ucontact-client", "rust-reqwest"],
    "http": ["c-libcurl", "c-ucontact-client"],
}
CALLGRIND_CLIENTS = ["c-ucontact-oneshot", "c-ucontact-client", "c-libcurl", "c-libcurl-ca-only",
                     "rust-reqwest"]
# Inclusive instruction counts of these functions explain the cold figures.
CALLGRIND_FUNCTIONS = [
    ("loading the trust store (rustls-native-certs)", r"^rustls_native_certs::load_native_certs$"),
    ("  of which the certificate folder", r"^rustls_native_certs::load_pem_certs_from_dir$"),
    ("building the HTTPS client (ucontact)", r"^ucontact::transport::build_client$"),
    ("libcurl's easy handle set-up and transfer", r"^curl_easy_perform$"),
    ("curl_global_init (OpenSSL initialisation)", r"^curl_global_init$"),
    ("reqwest ClientBuilder::build", r"^reqwest::blocking::client::ClientBuilder::build$"),
    ("aws-lc's entropy source (jitter entropy)", r"^aws_lc_0_\d+_0_get_entropy_source$"),
    ("the platform verifier", r"^rustls_platform_verifier::verification::others::Verifier::new_inner$"),
]
# The shared current-thread design is libucontact's HTTP stack without the library: the
# difference is the library's own work per login.
CALLGRIND_WARM_CLIENTS = {
    protocol: ["c-libcurl", "c-ucontact-client", "rust-reqwest", "design-shared-current-thread"]
    for protocol in ("h1", "h2", "http")
}


def _run(argv: list[str], env: dict, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run(argv, env=env, stdin=subprocess.DEVNULL, capture_output=True,
                          text=True, timeout=timeout)


def _perf_works() -> bool:
    if not shutil.which("perf"):
        return False
    try:
        done = _run(["perf", "record", "-o", os.devnull, "-q", "--", "true"], dict(os.environ), 30)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return done.returncode == 0


def _dso_name(path: str) -> str:
    name = os.path.basename(path.strip("[]")) if not path.startswith("[") else path
    return re.sub(r"\.so[.0-9]*$", ".so", name)


def _crate(symbol: str) -> str:
    """The crate a Rust symbol belongs to, or the C library of a C one."""
    if symbol.startswith("ring_core_") or symbol.startswith("GFp_"):
        return "ring"
    match = re.search(r"([A-Za-z_][A-Za-z0-9_]*)::", symbol)
    if not match:
        return "other (C, assembly)"
    crate = match.group(1)
    if crate in ("core", "alloc", "std"):
        return "Rust std (core, alloc, std)"
    return crate


def perf_profiles(clients: dict, urls: dict, certs: dict, env_for, calls: int) -> dict:
    """CPU samples of warm runs by shared object; within libucontact, by crate."""
    if not _perf_works():
        return {"skipped": "perf is not installed or cannot record here"}
    result: dict = {"by_dso": {}, "by_crate": {}}
    for protocol, keys in PERF_CLIENTS.items():
        for key in keys:
            if key not in clients:
                continue
            client = clients[key]
            print(f"profile: perf {protocol} {key}", flush=True)
            with tempfile.NamedTemporaryFile(suffix=".perf") as data:
                argv = client.argv + ["warm", urls[protocol], certs["ca"], certs["bundle"], "0",
                                      str(calls), "0"]
                done = _run(["perf", "record", "-q", "-F", "5000", "-o", data.name, "--", *argv],
                            env_for(client))
                if done.returncode != 0:
                    result["by_dso"][f"{protocol}/{key}"] = {"error": done.stderr[-300:]}
                    continue
                report = _run(["perf", "report", "-i", data.name, "--stdio", "--sort", "dso",
                               "--percent-limit", "1"], dict(os.environ)).stdout
                shares = {}
                for line in report.splitlines():
                    match = re.match(r"\s*([0-9.]+)%\s+(.+?)\s*$", line)
                    if match:
                        shares[_dso_name(match.group(2))] = float(match.group(1))
                result["by_dso"][f"{protocol}/{key}"] = shares
                if key in ("c-ucontact-client", "rust-reqwest"):
                    dso = "libucontact.so" if key == "c-ucontact-client" else "reqwest-peer"
                    symbols = _run(["perf", "report", "-i", data.name, "--stdio", "--sort", "dso,sym",
                                    "--percent-limit", "0"], dict(os.environ)).stdout
                    crates: dict = {}
                    for line in symbols.splitlines():
                        match = re.match(r"\s*([0-9.]+)%\s+(\S+)\s+\[[.k]\]\s+(.+?)\s*$", line)
                        if match and dso in match.group(2):
                            crate = _crate(match.group(3))
                            crates[crate] = crates.get(crate, 0.0) + float(match.group(1))
                    result["by_crate"][f"{protocol}/{key}"] = crates
    return result


def _strace_counts(argv: list[str], env: dict) -> dict:
    with tempfile.NamedTemporaryFile("r", suffix=".strace") as out:
        done = _run(["strace", "-f", "-c", "-o", out.name, "--", *argv], env)
        if done.returncode != 0:
            raise RuntimeError(done.stderr[-300:])
        counts = {}
        for line in out.read().splitlines():
            tokens = line.split()
            if len(tokens) in (5, 6) and re.match(r"^[0-9.]+$", tokens[0]) and tokens[-1] != "total":
                counts[tokens[-1]] = int(tokens[3])
        return counts


def strace_per_call(clients: dict, urls: dict, certs: dict, env_for) -> dict:
    """System calls per login: the counts of a run of 2200 calls less those of 200."""
    if not shutil.which("strace"):
        return {"skipped": "strace is not installed"}
    result = {}
    for protocol, keys in STRACE_CLIENTS.items():
        for key in keys:
            if key not in clients:
                continue
            client = clients[key]
            print(f"profile: strace {protocol} {key}", flush=True)
            base = client.argv + ["warm", urls[protocol], certs["ca"], certs["bundle"], "0"]
            try:
                short = _strace_counts(base + ["200", "0"], env_for(client))
                long = _strace_counts(base + ["2200", "0"], env_for(client))
            except (RuntimeError, subprocess.TimeoutExpired) as error:
                result[f"{protocol}/{key}"] = {"error": str(error)}
                continue
            per_call = {name: (long.get(name, 0) - short.get(name, 0)) / 2000 for name in long}
            result[f"{protocol}/{key}"] = {n: v for n, v in per_call.items() if v >= 0.05}
    return result


def callgrind_cold(clients: dict, urls: dict, certs: dict, env_for) -> dict:
    """Instructions of one cold HTTPS login, in all and in the functions that explain it."""
    if not shutil.which("valgrind") or not shutil.which("callgrind_annotate"):
        return {"skipped": "valgrind is not installed"}
    result = {}
    for key in CALLGRIND_CLIENTS:
        if key not in clients:
            continue
        client = clients[key]
        print(f"profile: callgrind cold {key}", flush=True)
        if client.cold_argv is not None:
            argv = client.cold_argv(urls["h2"], certs)
        else:
            argv = client.argv + ["cold", urls["h2"], certs["ca"], certs["bundle"]]
        with tempfile.TemporaryDirectory() as folder:
            out = os.path.join(folder, "callgrind.out")
            try:
                done = _run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", *argv],
                            env_for(client), timeout=240)
            except subprocess.TimeoutExpired:
                result[key] = {"error": "valgrind took longer than 240 s"}
                continue
            if done.returncode != 0:
                result[key] = {"error": done.stderr[-300:]}
                continue
            annotated = _run(["callgrind_annotate", "--inclusive=yes", "--threshold=100", out],
                             dict(os.environ)).stdout
            self_cost = _run(["callgrind_annotate", "--inclusive=no", "--threshold=100", out],
                             dict(os.environ)).stdout
        total, functions, objects = 0, {}, {}
        for line in annotated.splitlines():
            match = re.match(r"\s*([0-9,]+)\s+\(\s*[0-9.]+%\)\s+(.*)$", line)
            if not match:
                continue
            count = int(match.group(1).replace(",", ""))
            rest = match.group(2)
            if rest.startswith("PROGRAM TOTALS"):
                total = count
                continue
            name = re.sub(r"^[^:]*:", "", re.sub(r"\s*\[[^]]*\]$", "", rest), count=1)
            name = re.sub(r"'\d+$", "", name)
            for label, pattern in CALLGRIND_FUNCTIONS:
                if re.search(pattern, name) and label not in functions:
                    functions[label] = count
        for line in self_cost.splitlines():
            match = re.match(r"\s*([0-9,]+)\s+\(\s*[0-9.]+%\)\s+.*\[([^]]*)\]$", line)
            if match:
                name = _dso_name(match.group(2))
                objects[name] = objects.get(name, 0) + int(match.group(1).replace(",", ""))
        result[key] = {"total": total, "functions": functions,
                       "objects": dict(sorted(objects.items(), key=lambda kv: -kv[1])[:4])}
    return result


def _instructions(argv: list[str], env: dict) -> int:
    done = _run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *argv], env,
                timeout=240)
    match = re.search(r"Collected : (\d+)", done.stderr)
    if done.returncode != 0 or not match:
        raise RuntimeError(done.stderr[-300:])
    return int(match.group(1))


def callgrind_per_call(clients: dict, urls: dict, certs: dict, env_for) -> dict:
    """User-space instructions per login on a kept-alive connection: those of a run of
    2200 calls less those of 200, divided by 2000. Unlike time, this count does not move
    with the load of the machine."""
    if not shutil.which("valgrind"):
        return {"skipped": "valgrind is not installed"}
    result = {}
    for protocol, keys in CALLGRIND_WARM_CLIENTS.items():
        for key in keys:
            if key not in clients:
                continue
            client = clients[key]
            print(f"profile: callgrind warm {protocol} {key}", flush=True)
            base = client.argv + ["warm", urls[protocol], certs["ca"], certs["bundle"], "0"]
            try:
                short = _instructions(base + ["200", "0"], env_for(client))
                long = _instructions(base + ["2200", "0"], env_for(client))
            except (RuntimeError, subprocess.TimeoutExpired) as error:
                result[f"{protocol}/{key}"] = {"error": str(error)}
                continue
            result[f"{protocol}/{key}"] = {"per_call": (long - short) / 2000}
    return result


def python_imports(python: str, env: dict) -> dict:
    """The cumulative import time of each Python client's top-level modules, in ms."""
    result = {}
    for label, module in (("ucontact", "ucontact"), ("requests", "requests"),
                          ("http.client + ssl", "http.client, ssl")):
        done = _run([python, "-X", "importtime", "-c", f"import {module}"], env)
        times = {}
        for line in done.stderr.splitlines():
            match = re.match(r"import time:\s+(\d+)\s+\|\s+(\d+)\s+\|(\s*)(\S+)", line)
            if match and len(match.group(3)) == 1:  # top-level imports only
                times[match.group(4)] = int(match.group(2)) / 1000
        result[label] = dict(sorted(times.items(), key=lambda kv: -kv[1])[:5])
    return result


def markdown(profile: dict, labels: dict) -> str:
    lines = ["### Where the time goes (profiles of this run)", ""]
    add = lines.append
    perf = profile.get("perf", {})
    if "skipped" in perf:
        add(f"perf: skipped ({perf['skipped']}).")
    elif perf:
        add("CPU samples of a warm run (perf record -F 5000, 0 s warm-up, the timed calls, "
            "no throughput phase), by shared object, in % of the process's samples "
            "(objects under 1 % left out):")
        add("")
        add("| listener | client | shares of CPU samples |")
        add("| --- | --- | --- |")
        for run, shares in perf["by_dso"].items():
            protocol, key = run.split("/")
            text = ", ".join(f"{name} {pct:.0f} %" for name, pct in shares.items()) \
                if "error" not in shares else "failed: " + shares["error"]
            add(f"| {protocol} | {labels.get(key, key)} | {text} |")
        add("")
        if perf["by_crate"]:
            add("Inside the HTTP/TLS stack of the two Rust clients (libucontact.so, and the "
                "reqwest peer's binary), by crate, in % of all the process's samples:")
            add("")
            add("| listener | client | crates |")
            add("| --- | --- | --- |")
            for run, crates in perf["by_crate"].items():
                protocol, key = run.split("/")
                top = sorted(crates.items(), key=lambda kv: -kv[1])[:9]
                add(f"| {protocol} | {labels.get(key, key)} | "
                    + ", ".join(f"{c} {p:.1f} %" for c, p in top) + " |")
            add("")
    strace = profile.get("strace", {})
    if "skipped" in strace:
        add(f"strace: skipped ({strace['skipped']}).")
    elif strace:
        add("System calls per login on a kept-alive connection (strace -f -c; the counts of "
            "2200 calls less those of 200, divided by 2000; all threads):")
        add("")
        add("| listener | client | calls per login |")
        add("| --- | --- | --- |")
        for run, counts in strace.items():
            protocol, key = run.split("/")
            if "error" in counts:
                text = "failed: " + counts["error"]
            else:
                total = sum(counts.values())
                text = f"**{total:.1f}**: " + ", ".join(
                    f"{n} {v:.1f}" for n, v in sorted(counts.items(), key=lambda kv: -kv[1]))
            add(f"| {protocol} | {labels.get(key, key)} | {text} |")
        add("")
    grind = profile.get("callgrind", {})
    if "skipped" in grind:
        add(f"callgrind: skipped ({grind['skipped']}).")
    elif grind:
        add("Instructions of one cold HTTPS login (HTTP/2 listener), whole process, under "
            "valgrind --tool=callgrind, with the inclusive count of the functions that "
            "explain it:")
        add("")
        add("| client | instructions | by object (self) | in these functions (inclusive) |")
        add("| --- | ---: | --- | --- |")
        for key, data in grind.items():
            if "error" in data:
                add(f"| {labels.get(key, key)} | – | failed: {data['error']} | |")
                continue
            objects = ", ".join(f"{n} {v / 1e6:.1f} M" for n, v in data["objects"].items())
            functions = ", ".join(f"{n} {v / 1e6:.1f} M" for n, v in data["functions"].items())
            add(f"| {labels.get(key, key)} | {data['total'] / 1e6:.1f} M | {objects} "
                f"| {functions or '–'} |")
        add("")
    per_call = profile.get("callgrind_warm", {})
    if per_call and "skipped" not in per_call:
        add("User-space instructions per login on a kept-alive connection (callgrind; a run "
            "of 2200 calls less one of 200, divided by 2000). Unlike time, this does not move "
            "with the load of the machine:")
        add("")
        add("| client | h2 | h1 | http |")
        add("| --- | ---: | ---: | ---: |")
        keys = []
        for run in per_call:
            key = run.split("/")[1]
            if key not in keys:
                keys.append(key)
        for key in keys:
            cells = []
            for protocol in ("h2", "h1", "http"):
                data = per_call.get(f"{protocol}/{key}")
                if not data:
                    cells.append("–")
                elif "error" in data:
                    cells.append("failed")
                else:
                    cells.append(f"{data['per_call'] / 1000:.0f} k")
            add(f"| {labels.get(key, key)} | " + " | ".join(cells) + " |")
        add("")
    imports = profile.get("imports", {})
    if imports:
        add("Python import times (python -X importtime, cumulative ms of the top-level "
            "modules each client imports, five largest):")
        add("")
        add("| client | modules |")
        add("| --- | --- |")
        for label, times in imports.items():
            add(f"| {label} | " + ", ".join(f"{m} {t:.1f}" for m, t in times.items()) + " |")
        add("")
    return "\n".join(lines)
