#!/usr/bin/env python3
"""The ucontact benchmark: the same login through ucontact (C, Python, Java, C#) and
through what an integrator would use instead (libcurl, the curl command line, Python
requests and http.client, Java's HttpClient, reqwest), against nginx on loopback.

Run it through bench/run.sh, which installs and builds what it needs and then calls
    python3 bench/harness.py [--quick]
It prints figures and writes them to bench/out/results.md and bench/out/results.json. It
asserts nothing about speed: a slow client makes a slow row, never a failure. It does
stop when a client cannot run at all, and counts every wrong answer in the tables.

Method (BENCHMARKS.md explains it for readers):
- warm: each client program makes one client, warms it up, times CALLS calls one after
  another on its kept-alive connection with its own monotonic clock, then counts the calls
  done in THROUGHPUT_S seconds by one and by two threads sharing that client;
- cold: one whole process that starts, logs in once over HTTPS and exits, timed from
  posix_spawn to wait4 here, which also gives each child's peak RSS;
- rounds interleave the clients (A B C ... A B C ...), and the order rotates every round,
  so that a drift of the machine spreads over all of them;
- nginx logs each request with its connection's serial number: the lines a run added show
  how many connections the client opened, how many requests the server answered, and
  which protocol ALPN chose.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import profiles

BENCH = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(BENCH)
OUT = os.path.join(BENCH, "out")
BIN = os.path.join(OUT, "bin")
LIB_DIR = os.path.join(REPO, "target", "release")
LIBRARY = os.path.join(LIB_DIR, "libucontact.so")
TOKEN = "ZGVtbzowYjZmMmM5ZS00ZDFhLTRmN2UtOWMzYi01YThkN2U2ZjFhMjA="
LOGIN_PATH = "/Integra/resources/auth/getUserToken"
SYSTEM_BUNDLE = "/etc/ssl/certs/ca-certificates.crt"
JAVA_CACERTS = "/etc/ssl/certs/java/cacerts"

PROTOCOLS = ("h2", "h1", "http")
PROTOCOL_TITLES = {
    "h2": "HTTPS, HTTP/2 offered (nginx listener with `ssl http2`)",
    "h1": "HTTPS, HTTP/1.1 only",
    "http": "plain HTTP/1.1",
}
BASELINE = "c-libcurl"


@dataclass
class Client:
    key: str
    label: str
    argv: list[str]
    protocols: tuple[str, ...] = PROTOCOLS
    env: dict[str, str] = field(default_factory=dict)
    warm: bool = True
    cold: bool = True
    # The curl command line checks nothing itself: its output is compared here.
    expect_stdout: str | None = None
    # For a program that does not take the benchmark's arguments: the whole command line
    # of a cold run, from the URL and the certificates.
    cold_argv: Callable[[str, dict], list[str]] | None = None
    # "design": a runtime-design experiment (bench/designs), shown in a table of its own.
    group: str = "client"


@dataclass
class Server:
    ports: dict[str, int]
    process: subprocess.Popen
    log_path: str
    log_offset: int = 0

    def url(self, protocol: str) -> str:
        if protocol == "http":
            return f"http://127.0.0.1:{self.ports['http']}"
        return f"https://localhost:{self.ports[protocol]}"

    def new_requests(self) -> list[list[str]]:
        """The access-log lines written since the last call, split into fields."""
        with open(self.log_path, encoding="ascii", errors="replace") as log:
            log.seek(self.log_offset)
            text = log.read()
            self.log_offset = log.tell()
        return [line.split() for line in text.splitlines() if line.strip()]


# ---------------------------------------------------------------------------------------
# Certificates and the server


def run(argv: list[str], **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(argv, check=True, **kwargs)


def make_certificates(work: str) -> dict[str, str]:
    """A test CA and a server certificate for localhost and 127.0.0.1, with the openssl
    CLI; a bundle of the system's roots plus the CA, and a Java trust store of both."""
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    ca_key, ca = os.path.join(work, "ca.key"), os.path.join(work, "ca.pem")
    key, csr, cert = (os.path.join(work, n) for n in ("server.key", "server.csr", "server.pem"))
    ext = os.path.join(work, "server.ext")
    curve = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
    run(["openssl", "req", "-x509", *curve, "-keyout", ca_key, "-out", ca, "-days", "7",
         "-subj", "/CN=ucontact benchmark test CA",
         "-addext", "basicConstraints=critical,CA:TRUE",
         "-addext", "keyUsage=critical,keyCertSign,cRLSign"], **quiet)
    run(["openssl", "req", *curve, "-keyout", key, "-out", csr, "-subj", "/CN=localhost"], **quiet)
    with open(ext, "w") as f:
        f.write("subjectAltName=DNS:localhost,IP:127.0.0.1\n"
                "basicConstraints=critical,CA:FALSE\n"
                "keyUsage=critical,digitalSignature\n"
                "extendedKeyUsage=serverAuth\n")
    run(["openssl", "x509", "-req", "-in", csr, "-CA", ca, "-CAkey", ca_key, "-set_serial", "2",
         "-days", "7", "-extfile", ext, "-out", cert], **quiet)

    bundle = os.path.join(work, "bundle.pem")
    with open(bundle, "w") as out:
        with open(SYSTEM_BUNDLE) as system:
            out.write(system.read())
        with open(ca) as test_ca:
            out.write(test_ca.read())

    # Debian's Java trust store is a JKS file: keep that format, so that the JVM does the
    # work it does with its default store.
    truststore = os.path.join(work, "truststore.jks")
    if shutil.which("keytool"):
        run(["keytool", "-importkeystore", "-noprompt", "-srckeystore", JAVA_CACERTS,
             "-srcstorepass", "changeit", "-destkeystore", truststore, "-deststoretype", "JKS",
             "-deststorepass", "changeit"], **quiet)
        run(["keytool", "-importcert", "-noprompt", "-alias", "ucontact-bench-ca", "-file", ca,
             "-keystore", truststore, "-storepass", "changeit"], **quiet)
    return {"ca": ca, "bundle": bundle, "truststore": truststore, "key": key, "cert": cert}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port: int, process: subprocess.Popen, what: str) -> None:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"harness: {what} exited with status {process.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.05)
    sys.exit(f"harness: {what} does not listen on 127.0.0.1:{port}")


def start_nginx(work: str) -> Server:
    ports = {p: free_port() for p in PROTOCOLS}
    for sub in ("tmp/body", "tmp/proxy", "tmp/fastcgi", "tmp/uwsgi", "tmp/scgi", "logs"):
        os.makedirs(os.path.join(work, sub), exist_ok=True)
    with open(os.path.join(BENCH, "nginx.conf.in")) as f:
        conf = f.read()
    conf = (conf.replace("@DIR@", work).replace("@BENCH@", BENCH)
            .replace("@H2_PORT@", str(ports["h2"])).replace("@H1_PORT@", str(ports["h1"]))
            .replace("@HTTP_PORT@", str(ports["http"])))
    conf_path = os.path.join(work, "nginx.conf")
    with open(conf_path, "w") as f:
        f.write(conf)
    log_path = os.path.join(work, "access.log")
    open(log_path, "w").close()
    process = subprocess.Popen(["nginx", "-p", work, "-c", conf_path, "-g", "daemon off;"],
                               stdin=subprocess.DEVNULL, start_new_session=True)
    for port in ports.values():
        wait_for_port(port, process, "nginx")
    return Server(ports, process, log_path)


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


# ---------------------------------------------------------------------------------------
# Running the clients


@dataclass
class Spawned:
    wall_ns: int
    status: int
    maxrss_kib: int
    cpu_ns: int
    stdout: str
    stderr: str


def spawn(argv: list[str], env: dict[str, str]) -> Spawned:
    """Runs one process through bench/out/bin/spawn_timed, which measures its wall time
    from posix_spawn to wait4 and reads its rusage (see spawn_timed.c for why not here)."""
    program = argv[0] if os.path.isabs(argv[0]) else shutil.which(argv[0], path=env.get("PATH"))
    if program is None:
        sys.exit(f"harness: {argv[0]} is not installed")
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, \
            tempfile.NamedTemporaryFile("r") as figures:
        subprocess.run([os.path.join(BIN, "spawn_timed"), figures.name, program, *argv[1:]],
                       env=env, stdin=subprocess.DEVNULL, stdout=out, stderr=err, check=True)
        wall, status, maxrss, cpu = (int(v) for v in figures.read().split())
        out.seek(0)
        err.seek(0)
        return Spawned(wall, status, maxrss, cpu, out.read().decode(errors="replace"),
                       err.read().decode(errors="replace"))


def client_env(client: Client, base: dict[str, str]) -> dict[str, str]:
    env = dict(base)
    env.update(client.env)
    return env


def connection_summary(lines: list[list[str]]) -> dict:
    # Fields: connection serial, requests on it, port, protocol, TLS version, status, method.
    return {
        "requests": len(lines),
        "connections": len({line[0] for line in lines}),
        "protocols": sorted({line[3] for line in lines}),
        "statuses": sorted({line[5] for line in lines}),
    }


def run_warm(client: Client, protocol: str, server: Server, certs: dict, env: dict,
             warmup_s: float, calls: int, seconds: float) -> dict:
    server.new_requests()
    argv = client.argv + ["warm", server.url(protocol), certs["ca"], certs["bundle"],
                          str(warmup_s), str(calls), str(seconds)]
    done = spawn(argv, client_env(client, env))
    if done.status != 0 or not done.stdout.strip():
        sys.exit(f"harness: {client.key} ({protocol}) failed with status {done.status}:\n"
                 f"{done.stderr[-2000:]}")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    time.sleep(0.05)  # nginx writes a request's log line just after sending the reply
    result["server"] = connection_summary(server.new_requests())
    result["maxrss_kib"] = done.maxrss_kib
    result["stderr"] = done.stderr.strip()[-500:]
    return result


def run_cold(client: Client, protocol: str, server: Server, certs: dict, env: dict) -> dict:
    server.new_requests()
    if client.cold_argv is not None:
        argv = client.cold_argv(server.url(protocol), certs)
    else:
        argv = client.argv + ["cold", server.url(protocol), certs["ca"], certs["bundle"]]
    done = spawn(argv, client_env(client, env))
    good = done.status == 0
    if client.expect_stdout is not None:
        good = good and done.stdout == client.expect_stdout
    if done.status not in (0, 3) and client.expect_stdout is None:
        sys.exit(f"harness: {client.key} cold ({protocol}) failed with status {done.status}:\n"
                 f"{done.stderr[-2000:]}")
    time.sleep(0.01)
    lines = server.new_requests()
    return {"wall_ns": done.wall_ns, "cpu_ns": done.cpu_ns, "maxrss_kib": done.maxrss_kib,
            "good": good and len(lines) == 1, "protocols": sorted({line[3] for line in lines})}


# ---------------------------------------------------------------------------------------
# The clients


def define_clients(certs: dict, python: str) -> list[Client]:
    c_ucontact = os.path.join(BIN, "ucontact_bench")
    pybench = os.path.join(BENCH, "clients", "python", "pybench.py")
    java_classes = os.path.join(OUT, "java")
    jna = os.path.join(OUT, "java-lib", "jna.jar")
    java_cp = f"{java_classes}:{jna}"
    python_env = {"PYTHONPATH": os.path.join(REPO, "bindings", "python", "src"),
                  "UCONTACT_LIBRARY": LIBRARY}
    # The one-call function trusts only the system store: point it at the system's roots
    # plus the test CA, which costs what loading the system store costs.
    oneshot_env = {"SSL_CERT_FILE": certs["bundle"]}
    java_trust = ["-Djavax.net.ssl.trustStore=" + certs["truststore"],
                  "-Djavax.net.ssl.trustStorePassword=changeit",
                  "-Djavax.net.ssl.trustStoreType=JKS"]
    https_only = ("h2", "h1")
    no_h2 = ("h1", "http")
    return [
        Client("c-libcurl", "C, libcurl (one easy handle)", [os.path.join(BIN, "curl_bench")]),
        Client("c-ucontact-client", "C, ucontact_client", [c_ucontact, "client"]),
        Client("c-ucontact-oneshot", "C, ucontact_get_user_token", [c_ucontact, "oneshot"],
               env=oneshot_env),
        Client("rust-reqwest", "Rust, reqwest blocking", [os.path.join(BIN, "reqwest-peer")]),
        Client("py-ucontact", "Python, ucontact.Client", [python, pybench, "ucontact"],
               env=python_env),
        Client("py-requests", "Python, requests.Session", [python, pybench, "requests"],
               protocols=no_h2),
        Client("py-httpclient", "Python, http.client", [python, pybench, "httpclient"],
               protocols=no_h2),
        Client("java-ucontact", "Java, UContactClient", ["java", "-cp", java_cp, "UContactBench"],
               env={"UCONTACT_LIBRARY": LIBRARY}),
        Client("java-httpclient", "Java, java.net.http.HttpClient",
               ["java", *java_trust, "-cp", java_cp, "HttpClientBench"]),
        Client("cs-ucontact", "C# (Mono), UContactClient",
               ["mono", os.path.join(OUT, "csharp", "UContactBench.exe")],
               env={"LD_LIBRARY_PATH": LIB_DIR}),
        # The cold figure of libcurl without the system's roots: what OpenSSL's loading of
        # the CA bundle costs the libcurl row.
        Client("c-libcurl-ca-only", "C, libcurl, CAINFO = the test CA alone",
               [os.path.join(BIN, "curl_bench")], protocols=https_only, warm=False,
               cold_argv=lambda url, trust: [os.path.join(BIN, "curl_bench"), "cold", url,
                                             trust["ca"], trust["ca"]]),
        *[Client(f"design-{name}", f"experiment: reqwest async, {text}",
                 [os.path.join(BIN, "runtime-designs"), name], cold=False, group="design")
          for name, text in (("shared-current-thread", "one current-thread runtime shared by "
                              "the callers (libucontact's design)"),
                             ("per-thread", "a current-thread runtime and client per thread"),
                             ("multi-thread", "a 2-worker multi-thread runtime"))],
        Client("curl-cli", "curl command line", ["curl"], protocols=https_only, warm=False,
               expect_stdout=f'"{TOKEN}"', cold_argv=lambda url, trust: [
                   "curl", "--silent", "--show-error", "--fail", "--cacert", trust["bundle"],
                   "--data-urlencode", "user=demo", "--data-urlencode", "password=demo-password",
                   url + LOGIN_PATH]),
    ]


# ---------------------------------------------------------------------------------------
# Figures


def percentile(sorted_values: list[int], fraction: float) -> float:
    """The nearest-rank percentile of an already sorted list."""
    rank = max(1, int(round(fraction * len(sorted_values) + 0.5)))
    return sorted_values[min(rank, len(sorted_values)) - 1]


def summarise_warm(runs: list[dict]) -> dict:
    """Min and p99 over the calls of every round; p50, CPU per call and calls per second
    as the median of the rounds' figures, so that one round disturbed by another process
    on the machine does not move them."""
    latencies = sorted(v for r in runs for v in r["lat_ns"])
    return {
        "calls_timed": len(latencies),
        "min_us": latencies[0] / 1e3,
        "p50_us": statistics.median(statistics.median(r["lat_ns"]) for r in runs) / 1e3,
        "p50_pooled_us": percentile(latencies, 0.50) / 1e3,
        "p99_us": percentile(latencies, 0.99) / 1e3,
        "p50_by_round_us": [statistics.median(r["lat_ns"]) / 1e3 for r in runs],
        "cpu_us": statistics.median(r["lat_cpu_ns"] / len(r["lat_ns"]) for r in runs) / 1e3,
        "cps1": statistics.median(r["t1_calls"] / (r["t1_ns"] / 1e9) for r in runs),
        "cps2": statistics.median(r["t2_calls"] / (r["t2_ns"] / 1e9) for r in runs),
        "maxrss_mib": max(r["maxrss_kib"] for r in runs) / 1024,
        "connections": max(r["server"]["connections"] for r in runs),
        "requests_seen": sum(r["server"]["requests"] for r in runs),
        "calls_made": sum(r["total_calls"] for r in runs),
        "protocols": sorted({p for r in runs for p in r["server"]["protocols"]}),
        "statuses": sorted({s for r in runs for s in r["server"]["statuses"]}),
        "bad": sum(r["bad"] for r in runs),
    }


def summarise_cold(runs: list[dict]) -> dict:
    walls = sorted(r["wall_ns"] for r in runs)
    return {
        "runs": len(runs),
        "median_ms": statistics.median(walls) / 1e6,
        "min_ms": walls[0] / 1e6,
        "cpu_ms": statistics.median(r["cpu_ns"] for r in runs) / 1e6,
        "maxrss_mib": max(r["maxrss_kib"] for r in runs) / 1024,
        "bad": sum(not r["good"] for r in runs),
        "protocols": sorted({p for r in runs for p in r.get("protocols", [])}),
    }


def ratio(value: float | None, base: float | None) -> str:
    if value is None or not base:
        return "–"
    return f"{value / base:.2f}×"


def library_sizes() -> dict:
    """Stripped size of libucontact.so, against libcurl and what libcurl loads with it."""
    stripped = os.path.join(OUT, "libucontact.stripped.so")
    shutil.copyfile(LIBRARY, stripped)
    run(["strip", stripped])
    curl_path = os.path.join(BIN, "curl_bench")
    ldd = subprocess.run(["ldd", curl_path], capture_output=True, text=True, check=True).stdout
    libs = {}
    for line in ldd.splitlines():
        match = re.match(r"\s*(\S+) => (\S+)", line)
        if match:
            libs[match.group(1)] = os.path.realpath(match.group(2))
    curl = next(path for name, path in libs.items() if name.startswith("libcurl"))
    # Everything libcurl brings in that a C program would not load without it.
    base = {"libc.so.6", "libm.so.6", "libpthread.so.0", "libdl.so.2", "librt.so.1",
            "linux-vdso.so.1"}
    closure = {name: path for name, path in libs.items() if name not in base}
    return {
        "ucontact_bytes": os.path.getsize(LIBRARY),
        "ucontact_stripped_bytes": os.path.getsize(stripped),
        "libcurl_bytes": os.path.getsize(curl),
        "libcurl_closure_bytes": sum(os.path.getsize(p) for p in closure.values()),
        "libcurl_closure": sorted(closure),
    }


def mib(n: float) -> str:
    return f"{n / 1048576:.2f} MiB"


def markdown(results: dict) -> str:
    warm, cold, clients = results["warm"], results["cold"], results["clients"]
    labels = {c["key"]: c["label"] for c in clients}
    lines = []
    add = lines.append
    m, st = results["machine"], results["settings"]
    add(f"Run of {results['date']}, {results['elapsed_s']:.0f} s. Machine: {m['nproc']} CPUs, "
        f"{m['cpu']}, Linux {m['kernel']}, {m['os']}; load average (1, 5, 15 min) "
        f"{m['load_average_at_start']} at the start and {m['load_average_at_end']} at the end. "
        f"Versions: ucontact {m['ucontact']}; {m['nginx']}; {m['curl']}; {m['openssl']}; "
        f"{m['python']}; {m['java']}; {m['mono']}; {m['rustc']}.")
    add("")
    add(f"Settings: {st['rounds']} interleaved rounds; per run {st['warmup']} s of warm-up "
        f"(at least 200 calls), {st['calls']} timed calls, {st['throughput']} s per calls/s "
        f"figure; {st['cold_runs']} cold processes per client and listener. p50, CPU per "
        "call and calls/s are the median of the rounds' figures; min and p99 are over all "
        "timed calls. CPU µs/call is the user + system time of the whole client process "
        "(every thread) during the timed calls, divided by their number.")
    add("")
    groups = {c["key"]: c.get("group", "client") for c in clients}
    for protocol in PROTOCOLS:
        base = warm.get(protocol, {}).get(BASELINE)
        add(f"### Warm, {PROTOCOL_TITLES[protocol]}")
        add("")
        add("| client | protocol seen | min µs | p50 µs | p50 × libcurl | p99 µs | CPU µs/call "
            "| × libcurl | calls/s, 1 thread | × libcurl | calls/s, 2 threads | × libcurl "
            "| peak RSS | × libcurl | connections (max per run) | requests seen / calls made "
            "| wrong answers |")
        add("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: "
            "| ---: | ---: | ---: | ---: | ---: |")
        for key, s in warm.get(protocol, {}).items():
            if groups.get(key) == "design":
                continue
            add(f"| {labels[key]} | {', '.join(s['protocols'])} | {s['min_us']:.0f} "
                f"| {s['p50_us']:.0f} | {ratio(s['p50_us'], base and base['p50_us'])} "
                f"| {s['p99_us']:.0f} | {s['cpu_us']:.0f} | {ratio(s['cpu_us'], base and base['cpu_us'])} "
                f"| {s['cps1']:.0f} | {ratio(s['cps1'], base and base['cps1'])} "
                f"| {s['cps2']:.0f} | {ratio(s['cps2'], base and base['cps2'])} "
                f"| {s['maxrss_mib']:.1f} MiB | {ratio(s['maxrss_mib'], base and base['maxrss_mib'])} "
                f"| {s['connections']} | {s['requests_seen']} / {s['calls_made']} | {s['bad']} |")
        add("")

    designs = [k for k, g in groups.items() if g == "design"]
    if designs:
        add("### Experiment: runtime designs for reqwest's async client behind a blocking call")
        add("")
        add("bench/designs: the library's HTTP stack (reqwest async, rustls with ring, HTTP/2) "
            "without the library, run by three designs in the same rounds as the clients.")
        add("")
        add("| listener | design | p50 µs | × libcurl | CPU µs/call | calls/s, 1 thread | × libcurl "
            "| calls/s, 2 threads | × libcurl | connections | wrong answers |")
        add("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
        for protocol in PROTOCOLS:
            base = warm.get(protocol, {}).get(BASELINE)
            for key in [BASELINE, "c-ucontact-client", *designs]:
                s = warm.get(protocol, {}).get(key)
                if not s:
                    continue
                add(f"| {protocol} | {labels[key]} | {s['p50_us']:.0f} "
                    f"| {ratio(s['p50_us'], base and base['p50_us'])} | {s['cpu_us']:.0f} "
                    f"| {s['cps1']:.0f} | {ratio(s['cps1'], base and base['cps1'])} "
                    f"| {s['cps2']:.0f} | {ratio(s['cps2'], base and base['cps2'])} "
                    f"| {s['connections']} | {s['bad']} |")
        add("")

    add("### Cold: one process that starts, logs in once over HTTPS and exits")
    add("")
    add("| client | HTTP/2 listener: median ms | × libcurl | min ms | CPU ms | "
        "HTTP/1.1 listener: median ms | × libcurl | peak RSS | × libcurl | wrong answers |")
    add("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    h2, h1 = cold.get("h2", {}), cold.get("h1", {})
    base2, base1 = h2.get(BASELINE), h1.get(BASELINE)
    for key in h2:
        a, b = h2[key], h1.get(key)
        rss = max(a["maxrss_mib"], b["maxrss_mib"] if b else 0)
        base_rss = max(base2["maxrss_mib"], base1["maxrss_mib"]) if base2 and base1 else None
        label = labels.get(key, key)
        add(f"| {label} | {a['median_ms']:.1f} | {ratio(a['median_ms'], base2 and base2['median_ms'])} "
            f"| {a['min_ms']:.1f} | {a['cpu_ms']:.1f} "
            f"| {b['median_ms']:.1f} | {ratio(b['median_ms'], base1 and base1['median_ms'])} "
            f"| {rss:.1f} MiB | {ratio(rss, base_rss)} | {a['bad'] + b['bad']} |" if b else
            f"| {label} | {a['median_ms']:.1f} | – | {a['min_ms']:.1f} | {a['cpu_ms']:.1f} | – | – "
            f"| {a['maxrss_mib']:.1f} MiB | – | {a['bad']} |")
    add("")
    runs = next(iter(h2.values()))["runs"] if h2 else 0
    add(f"{runs} processes per client and listener, interleaved; the wall time runs from "
        "posix_spawn to wait4 in bench/clients/c/spawn_timed.c, so it includes the spawn itself "
        "(the `/bin/true` row); CPU is user + system time of the child, from wait4.")
    add("")

    sizes = results["sizes"]
    add("### Shared library size")
    add("")
    add("| library | size | × libcurl |")
    add("| --- | ---: | ---: |")
    add(f"| libucontact.so as built | {mib(sizes['ucontact_bytes'])} | "
        f"{ratio(sizes['ucontact_bytes'], sizes['libcurl_bytes'])} |")
    add(f"| libucontact.so stripped (TLS, HTTP/2 and runtime included) | "
        f"{mib(sizes['ucontact_stripped_bytes'])} | "
        f"{ratio(sizes['ucontact_stripped_bytes'], sizes['libcurl_bytes'])} |")
    add(f"| libcurl.so.4 alone (Debian, stripped) | {mib(sizes['libcurl_bytes'])} | 1.00× |")
    add(f"| libcurl.so.4 with the libraries it loads ({len(sizes['libcurl_closure'])}: "
        f"OpenSSL, nghttp2, …) | {mib(sizes['libcurl_closure_bytes'])} | "
        f"{ratio(sizes['libcurl_closure_bytes'], sizes['libcurl_bytes'])} |")
    add("")

    if results.get("server_check"):
        add("### The same two C clients against the repository's ucontact-server")
        add("")
        add("| server | listener | client | p50 µs | calls/s, 2 threads | connections |")
        add("| --- | --- | --- | ---: | ---: | ---: |")
        for row in results["server_check"]:
            add(f"| {row['server']} | {row['protocol']} | {labels[row['client']]} "
                f"| {row['p50_us']:.0f} | {row['cps2']:.0f} | {row['connections']} |")
        add("")

    add("### Targets of issue 7, as the harness computes them")
    add("")
    add("| target | figure | met |")
    add("| --- | --- | --- |")
    for row in results["targets"]:
        add(f"| {row['target']} | {row['figure']} | {row['met']} |")
    add("")
    return "\n".join(lines)


def targets(results: dict) -> list[dict]:
    warm, cold, sizes = results["warm"], results["cold"], results["sizes"]
    rows = []

    def check(target: str, value: float | None, limit: float, at_most: bool, figure: str) -> None:
        if value is None:
            rows.append({"target": target, "figure": "not measured", "met": "–"})
            return
        met = value <= limit if at_most else value >= limit
        rows.append({"target": target, "figure": figure, "met": "yes" if met else "**no**"})

    def get(protocol: str, key: str, name: str, table: dict = warm) -> float | None:
        return table.get(protocol, {}).get(key, {}).get(name)

    for protocol in ("h1", "h2"):
        base = get(protocol, BASELINE, "p50_us")
        for key in ("c-ucontact-client", "c-ucontact-oneshot"):
            p50 = get(protocol, key, "p50_us")
            value = p50 / base if p50 and base else None
            check(f"warm p50, C ABI ({key[11:]}) ≤ 1.0 × libcurl, {protocol}", value, 1.0, True,
                  f"{p50:.0f} µs vs {base:.0f} µs = {value:.2f}×" if value else "")
    for protocol in ("h2", "h1"):
        base = get(protocol, BASELINE, "median_ms", cold)
        for key in ("c-ucontact-oneshot", "c-ucontact-client"):
            ms = get(protocol, key, "median_ms", cold)
            value = ms / base if ms and base else None
            check(f"cold HTTPS process, C ({key[11:]}) ≤ 0.5 × libcurl, {protocol} listener",
                  value, 0.5, True, f"{ms:.1f} ms vs {base:.1f} ms = {value:.2f}×" if value else "")
    for protocol in ("h1", "http"):
        mine = get(protocol, "py-ucontact", "p50_us")
        for key, limit in (("py-requests", 0.35), ("py-httpclient", 1.0)):
            theirs = get(protocol, key, "p50_us")
            value = mine / theirs if mine and theirs else None
            check(f"Python binding warm p50 ≤ {limit} × {key[3:]}, {protocol}", value, limit, True,
                  f"{mine:.0f} µs vs {theirs:.0f} µs = {value:.2f}×" if value else "")
    for protocol in ("h2", "h1", "http"):
        mine = get(protocol, "java-ucontact", "p50_us")
        theirs = get(protocol, "java-httpclient", "p50_us")
        value = mine / theirs if mine and theirs else None
        check(f"Java binding warm p50 ≤ 0.5 × HttpClient, {protocol}", value, 0.5, True,
              f"{mine:.0f} µs vs {theirs:.0f} µs = {value:.2f}×" if value else "")
    for protocol in PROTOCOLS:
        base = get(protocol, BASELINE, "cps2")
        mine = get(protocol, "c-ucontact-client", "cps2")
        value = mine / base if mine and base else None
        check(f"2-thread calls/s, C ucontact_client ≥ 1.0 × libcurl, {protocol}", value, 1.0, False,
              f"{mine:.0f} vs {base:.0f} = {value:.2f}×" if value else "")
    worst = max((s["connections"] for p in warm.values() for k, s in p.items()
                 if "ucontact" in k), default=None)
    fewest = min((s["calls_made"] / len(s["p50_by_round_us"]) for p in warm.values()
                  for k, s in p.items() if "ucontact" in k), default=0)
    check("connections reused across calls and threads: bounded (ucontact rows, at most 8 "
          "per run of thousands of calls; with 2 threads the pool can open a connection while "
          "another one is being handed back, and keeps it)", worst, 8, True,
          f"at most {worst} connections in any run of at least {fewest:.0f} calls")
    check("stripped shared library ≤ 4 MiB", sizes["ucontact_stripped_bytes"] / 1048576, 4.0, True,
          mib(sizes["ucontact_stripped_bytes"]))
    rss = max([s["maxrss_mib"] for p in warm.values() for k, s in p.items()
               if k.startswith("c-ucontact")]
              + [s["maxrss_mib"] for p in cold.values() for k, s in p.items()
                 if k.startswith("c-ucontact")], default=None)
    check("C client peak RSS ≤ 8 MiB (warm runs with 2 threads, and cold)", rss, 8.0, True,
          f"{rss:.1f} MiB" if rss else "")
    return rows


# ---------------------------------------------------------------------------------------


def machine() -> dict:
    model = ""
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break

    def version(argv: list[str]) -> str:
        try:
            done = subprocess.run(argv, capture_output=True, text=True, timeout=30)
        except (OSError, subprocess.TimeoutExpired):
            return "not installed"
        text = (done.stdout + done.stderr).strip().splitlines()
        return text[0] if text else ""

    return {
        "load_average_at_start": " ".join(f"{v:.2f}" for v in os.getloadavg()),
        "nproc": os.cpu_count(),
        "cpu": model,
        "kernel": platform.release(),
        "os": version(["sh", "-c", ". /etc/os-release && echo $PRETTY_NAME"]),
        "nginx": version(["nginx", "-v"]),
        "curl": version(["curl", "--version"]),
        "openssl": version(["openssl", "version"]),
        "python": version([sys.executable, "--version"]),
        "java": version(["java", "-version"]),
        "mono": version(["mono", "--version"]),
        "rustc": version(["rustc", "--version"]),
        "ucontact": ctypes_version(),
    }


def ctypes_version() -> str:
    import ctypes

    library = ctypes.CDLL(LIBRARY)
    library.ucontact_version.restype = ctypes.c_char_p
    library.ucontact_version.argtypes = []
    return library.ucontact_version().decode()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--python", default=sys.executable,
                        help="the interpreter of the Python clients (with requests)")
    parser.add_argument("--rounds", type=int, default=6)
    parser.add_argument("--calls", type=int, default=1000, help="timed calls per run")
    parser.add_argument("--warmup", type=float, default=0.3, help="seconds of warm-up per run")
    parser.add_argument("--throughput", type=float, default=0.5, help="seconds per calls/s figure")
    parser.add_argument("--cold-runs", type=int, default=15, help="processes per client and listener")
    parser.add_argument("--only", default="", help="comma-separated client keys to run")
    parser.add_argument("--quick", action="store_true", help="a short run to try the harness")
    parser.add_argument("--no-server-check", action="store_true",
                        help="skip the comparison with the repository's ucontact-server")
    parser.add_argument("--no-profile", action="store_true",
                        help="skip the perf, strace, callgrind and import-time profiles")
    parser.add_argument("--no-designs", action="store_true",
                        help="skip the runtime-design experiment (bench/designs)")
    parser.add_argument("--wait-quiet", type=float, default=0, metavar="SECONDS",
                        help="first wait up to SECONDS for the 1-minute load average to fall "
                             "below 0.5 (other work on the machine skews every figure)")
    parser.add_argument("--serve", action="store_true",
                        help="only start nginx, print its URLs and certificates, and wait")
    args = parser.parse_args()
    if args.quick:
        args.rounds, args.calls, args.warmup, args.throughput, args.cold_runs = 1, 300, 0.1, 0.2, 3

    waited_until = time.monotonic() + args.wait_quiet
    while os.getloadavg()[0] >= 0.5 and time.monotonic() < waited_until:
        print(f"waiting for a quiet machine: load average {os.getloadavg()[0]:.2f}", flush=True)
        time.sleep(15)
    if os.getloadavg()[0] >= 1.0:
        print(f"harness: warning: the load average is {os.getloadavg()[0]:.2f}; other work on "
              "this machine will skew the figures", file=sys.stderr, flush=True)
    # A SIGTERM unwinds like Ctrl-C, so that nginx is stopped on the way out.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit("harness: terminated"))
    os.makedirs(OUT, exist_ok=True)
    work = tempfile.mkdtemp(prefix="ucontact-bench-")
    certs = make_certificates(work)
    server = start_nginx(work)
    if args.serve:
        print(json.dumps({"urls": {p: server.url(p) for p in PROTOCOLS}, **certs}), flush=True)
        try:
            server.process.wait()
        except (KeyboardInterrupt, SystemExit):
            stop(server.process)
        shutil.rmtree(work, ignore_errors=True)
        return 0
    # Every client gets its trust from the harness alone, and talks to loopback directly.
    scrubbed = {"http_proxy", "https_proxy", "all_proxy", "no_proxy", "ssl_cert_file",
                "ssl_cert_dir", "requests_ca_bundle", "curl_ca_bundle", "nix_ssl_cert_file",
                "aws_ca_bundle", "java_tool_options", "_java_options"}
    env = {k: v for k, v in os.environ.items() if k.lower() not in scrubbed}
    clients = define_clients(certs, args.python)
    if args.only:
        wanted = set(args.only.split(","))
        clients = [c for c in clients if c.key in wanted or c.key == BASELINE]
    if args.no_designs:
        clients = [c for c in clients if c.group != "design"]
    results: dict = {"machine": machine(), "settings": vars(args), "server": "nginx",
                     "clients": [{"key": c.key, "label": c.label, "group": c.group}
                                 for c in clients]}
    started = time.monotonic()
    try:
        raw_warm: dict = {p: {c.key: [] for c in clients if c.warm and p in c.protocols}
                          for p in PROTOCOLS}
        for round_index in range(args.rounds):
            order = clients[round_index % len(clients):] + clients[:round_index % len(clients)]
            for protocol in PROTOCOLS:
                for client in order:
                    if client.warm and protocol in client.protocols:
                        print(f"round {round_index + 1}/{args.rounds}: warm {protocol} {client.key}",
                              flush=True)
                        raw_warm[protocol][client.key].append(run_warm(
                            client, protocol, server, certs, env,
                            args.warmup, args.calls, args.throughput))
        results["warm"] = {p: {k: summarise_warm(v) for k, v in per.items()}
                           for p, per in raw_warm.items()}
        results["raw_warm_p50_by_round"] = {p: {k: s["p50_by_round_us"] for k, s in per.items()}
                                            for p, per in results["warm"].items()}

        true = Client("spawn", "`/bin/true` (spawn overhead)", ["/bin/true"])
        cold_clients = [true] + [c for c in clients if c.cold]
        results["clients"].append({"key": "spawn", "label": true.label})
        raw_cold: dict = {p: {c.key: [] for c in cold_clients} for p in ("h2", "h1")}
        print(f"cold: {args.cold_runs} processes per client and listener", flush=True)
        for index in range(args.cold_runs):
            order = (cold_clients[index % len(cold_clients):]
                     + cold_clients[:index % len(cold_clients)])
            for protocol in ("h2", "h1"):
                for client in order:
                    if client.key == "spawn":
                        done = spawn(client.argv, env)
                        raw_cold[protocol]["spawn"].append(
                            {"wall_ns": done.wall_ns, "cpu_ns": done.cpu_ns,
                             "maxrss_kib": done.maxrss_kib, "good": True})
                    else:
                        raw_cold[protocol][client.key].append(
                            run_cold(client, protocol, server, certs, env))
        results["cold"] = {p: {k: summarise_cold(v) for k, v in per.items()}
                           for p, per in raw_cold.items()}
        results["sizes"] = library_sizes()
        if not args.no_server_check:
            results["server_check"] = server_check(clients, certs, env, args, server)
        if not args.no_profile and not args.quick:
            results["profile"] = run_profiles(clients, server, certs, env, args)
    finally:
        stop(server.process)
        shutil.rmtree(work, ignore_errors=True)
    results["date"] = time.strftime("%Y-%m-%d %H:%M %Z")
    results["targets"] = targets(results)
    results["elapsed_s"] = time.monotonic() - started
    results["machine"]["load_average_at_end"] = " ".join(f"{v:.2f}" for v in os.getloadavg())

    table = markdown(results)
    if results.get("profile"):
        table += "\n" + profiles.markdown(results["profile"], {c["key"]: c["label"]
                                                               for c in results["clients"]})
    with open(os.path.join(OUT, "results.md"), "w") as f:
        f.write(table + "\n")
    with open(os.path.join(OUT, "results.json"), "w") as f:
        json.dump(results, f, indent=1, default=str)
    print()
    print(table)
    print(f"\n(measured in {results['elapsed_s']:.0f} s; written to bench/out/results.md "
          "and bench/out/results.json)")
    return 0


def run_profiles(clients: list[Client], server: Server, certs: dict, env: dict, args) -> dict:
    by_key = {c.key: c for c in clients}
    urls = {p: server.url(p) for p in PROTOCOLS}

    def env_for(client: Client) -> dict:
        return client_env(client, env)

    found = {
        "perf": profiles.perf_profiles(by_key, urls, certs, env_for, 4000),
        "strace": profiles.strace_per_call(by_key, urls, certs, env_for),
        "callgrind": profiles.callgrind_cold(by_key, urls, certs, env_for),
        "callgrind_warm": profiles.callgrind_per_call(by_key, urls, certs, env_for),
    }
    if "py-ucontact" in by_key:
        found["imports"] = profiles.python_imports(args.python, env_for(by_key["py-ucontact"]))
    return found


def server_check(clients: list[Client], certs: dict, env: dict, args, nginx: Server) -> list[dict]:
    """Runs libcurl and ucontact_client once against the repository's own ucontact-server
    and once more against nginx, to show whether the server limits the figures."""
    binary = os.path.join(LIB_DIR, "ucontact-server")
    chosen = [c for c in clients if c.key in (BASELINE, "c-ucontact-client")]
    rows = []
    for protocol, flags in (("h2", ["--tls"]), ("h1", ["--tls", "--http1"]), ("http", [])):
        tls_dir = tempfile.mkdtemp(prefix="ucontact-bench-server-")
        argv = [binary, "--exit-with-stdin"]
        if flags:
            argv += ["--tls", tls_dir] + flags[1:]
        process = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        try:
            line = json.loads(process.stdout.readline())
            own_certs = dict(certs)
            if line["ca_file"]:
                bundle = os.path.join(tls_dir, "bundle.pem")
                with open(bundle, "w") as out, open(SYSTEM_BUNDLE) as system, \
                        open(line["ca_file"]) as ca:
                    out.write(system.read() + ca.read())
                own_certs = {"ca": line["ca_file"], "bundle": bundle}
            url = line["url"]
            for client in chosen:
                for name, target, trust in (("ucontact-server", url, own_certs),
                                            ("nginx", nginx.url(protocol), certs)):
                    print(f"server check: {name} {protocol} {client.key}", flush=True)
                    nginx.new_requests()
                    result = run_against(client, target, trust, env, args)
                    lines = nginx.new_requests() if name == "nginx" else []
                    rows.append({"server": name, "protocol": protocol, "client": client.key,
                                 "p50_us": statistics.median(result["lat_ns"]) / 1e3,
                                 "cps2": result["t2_calls"] / (result["t2_ns"] / 1e9),
                                 "connections": len({l[0] for l in lines}) if lines else "–",
                                 "bad": result["bad"]})
        finally:
            process.stdin.close()
            process.wait(timeout=10)
            shutil.rmtree(tls_dir, ignore_errors=True)
    return rows


def run_against(client: Client, url: str, trust: dict, env: dict, args) -> dict:
    argv = client.argv + ["warm", url, trust["ca"], trust["bundle"], str(args.warmup),
                          str(args.calls), str(args.throughput)]
    done = spawn(argv, client_env(client, env))
    if done.status != 0:
        sys.exit(f"harness: {client.key} against {url} failed:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


if __name__ == "__main__":
    sys.exit(main())
