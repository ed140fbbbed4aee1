"""The Python clients of the benchmark: the ucontact binding and the two peers an
integrator would use instead, requests.Session and http.client.

    python3 pybench.py ucontact|requests|httpclient warm URL CA_FILE BUNDLE WARMUP_S CALLS T_S
    python3 pybench.py ucontact|requests|httpclient cold URL CA_FILE BUNDLE

The measuring loop is that of bench/clients/c/bench.h: `warm` prints one JSON line (the
latency of each of CALLS calls in nanoseconds, the process's CPU time during them, the
calls done in T_S seconds by one and by two threads, the wrong answers); `cold` logs in once and exits 0 only for the right token.
Only the modules a client needs are imported, so that `cold` measures that client's own
start-up. ucontact trusts CA_FILE on top of the system's roots; the peers trust BUNDLE
(the system's roots plus the test CA).
"""

from __future__ import annotations

import sys
import time

TYPE_CHECKING = False  # typing itself is not imported: cold start-up counts every import
if TYPE_CHECKING:
    from collections.abc import Callable

    Caller = Callable[[], bool]
    # Makes the caller of a thread; thread 0's is made once and kept for every phase.
    CallerFactory = Callable[[int], Caller]

USER = "demo"
PASSWORD = "demo-password"
TOKEN = "ZGVtbzowYjZmMmM5ZS00ZDFhLTRmN2UtOWMzYi01YThkN2U2ZjFhMjA="
PATH = "/Integra/resources/auth/getUserToken"
FORM = "application/x-www-form-urlencoded"

_told = False


def _tell(error: BaseException) -> None:
    global _told
    if not _told:
        _told = True
        print(f"pybench: {type(error).__name__}: {error}", file=sys.stderr)


def ucontact_callers(url: str, ca_file: str, bundle: str) -> CallerFactory:
    import ucontact

    client = ucontact.Client(url, ca_file=ca_file)

    def call() -> bool:
        return client.get_user_token(USER, PASSWORD) == TOKEN

    return lambda thread: call  # one client, shared by the threads


def requests_callers(url: str, ca_file: str, bundle: str) -> CallerFactory:
    import requests

    session = requests.Session()
    session.verify = bundle
    login_url = url + PATH

    def call() -> bool:
        reply = session.post(login_url, data={"user": USER, "password": PASSWORD})
        return reply.status_code == 200 and reply.json() == TOKEN

    return lambda thread: call  # one Session, shared by the threads


def httpclient_callers(url: str, ca_file: str, bundle: str) -> CallerFactory:
    import http.client
    import json
    import urllib.parse

    parts = urllib.parse.urlsplit(url)
    if parts.scheme == "https":
        import ssl

        context = ssl.create_default_context(cafile=bundle)

        def connect() -> http.client.HTTPConnection:
            return http.client.HTTPSConnection(parts.hostname, parts.port, context=context)
    else:

        def connect() -> http.client.HTTPConnection:
            return http.client.HTTPConnection(parts.hostname, parts.port)

    def make(thread: int) -> Caller:
        # A connection serves one thread at a time: each thread has its own.
        connection = connect()

        def call() -> bool:
            body = urllib.parse.urlencode({"user": USER, "password": PASSWORD})
            try:
                connection.request("POST", PATH, body=body, headers={"Content-Type": FORM})
                reply = connection.getresponse()
                data = reply.read()
            except (OSError, http.client.HTTPException):
                connection.close()  # the next request opens a new connection
                raise
            return reply.status == 200 and json.loads(data) == TOKEN

        return call

    return make


def checked(call: Caller) -> bool:
    try:
        return call()
    except Exception as error:  # a failed call is a wrong answer; go on measuring
        _tell(error)
        return False


def throughput(make: CallerFactory, first: Caller, threads: int, seconds: float) -> tuple:
    import threading

    callers = [first] + [make(i) for i in range(1, threads)]
    counts = [[0, 0] for _ in callers]
    start = threading.Barrier(threads + 1)
    deadline = [0.0]

    def work(index: int) -> None:
        call, count = callers[index], counts[index]
        start.wait()
        while time.perf_counter() < deadline[0]:
            count[0 if checked(call) else 1] += 1

    workers = [threading.Thread(target=work, args=(i,)) for i in range(threads)]
    for worker in workers:
        worker.start()
    began = time.perf_counter_ns()
    deadline[0] = time.perf_counter() + seconds
    start.wait()
    for worker in workers:
        worker.join()
    elapsed = time.perf_counter_ns() - began
    return sum(c[0] for c in counts), sum(c[1] for c in counts), elapsed


def warm(make: CallerFactory, warmup_s: float, calls: int, seconds: float) -> None:
    import json

    call = make(0)
    bad = total = 0
    until = time.perf_counter() + warmup_s
    while total < 200 or time.perf_counter() < until:
        bad += not checked(call)
        total += 1
    import resource

    def cpu_ns() -> int:
        usage = resource.getrusage(resource.RUSAGE_SELF)
        return int((usage.ru_utime + usage.ru_stime) * 1e9)

    latencies = []
    clock = time.perf_counter_ns
    cpu = cpu_ns()
    for _ in range(calls):
        began = clock()
        good = checked(call)
        latencies.append(clock() - began)
        bad += not good
        total += 1
    cpu = cpu_ns() - cpu
    ok1, bad1, ns1 = throughput(make, call, 1, seconds)
    ok2, bad2, ns2 = throughput(make, call, 2, seconds)
    bad += bad1 + bad2
    total += ok1 + bad1 + ok2 + bad2
    result = {
        "lat_ns": latencies,
        "lat_cpu_ns": cpu,
        "t1_calls": ok1,
        "t1_ns": ns1,
        "t2_calls": ok2,
        "t2_ns": ns2,
        "bad": bad,
        "total_calls": total,
    }
    print(json.dumps(result, separators=(",", ":")))


CLIENTS = {"ucontact": ucontact_callers, "requests": requests_callers, "httpclient": httpclient_callers}


def main(argv: list[str]) -> int:
    if len(argv) < 6 or argv[1] not in CLIENTS or argv[2] not in ("warm", "cold"):
        print(__doc__, file=sys.stderr)
        return 2
    kind, mode, url, ca_file, bundle = argv[1:6]
    make = CLIENTS[kind](url, ca_file, bundle)
    if mode == "cold":
        return 0 if checked(make(0)) else 3
    warm(make, float(argv[6]), int(argv[7]), float(argv[8]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
