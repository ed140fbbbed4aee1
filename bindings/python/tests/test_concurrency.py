"""Many threads at once, and a process forked after the parent has logged in."""

from __future__ import annotations

import multiprocessing
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

import ucontact

from conftest import DEMO_PASSWORD, DEMO_TOKEN, DEMO_USER, token_of

THREADS = 16
CALLS = 20


@pytest.fixture(scope="module")
def many_users(request):
    from conftest import start_server

    users = []
    for number in range(THREADS):
        users += ["--user", f"agent{number}=pw-{number} ✓"]
    server = start_server(*users)
    request.addfinalizer(server.stop)
    return server


def test_many_threads_get_their_own_exact_tokens(many_users):
    client = ucontact.Client(many_users.url)
    start_together = threading.Barrier(THREADS)

    def log_in_repeatedly(number: int) -> list[str]:
        start_together.wait()
        tokens = []
        for call in range(CALLS):
            # Half the calls through the shared client, half through the one-call function.
            if (number + call) % 2:
                tokens.append(client.get_user_token(f"agent{number}", f"pw-{number} ✓"))
            else:
                tokens.append(
                    ucontact.get_user_token(many_users.url, f"agent{number}", f"pw-{number} ✓")
                )
        return tokens

    with client, ThreadPoolExecutor(THREADS) as pool:
        results = list(pool.map(log_in_repeatedly, range(THREADS)))
    for number, tokens in enumerate(results):
        assert tokens == [token_of(f"agent{number}")] * CALLS


def test_each_thread_gets_the_message_of_its_own_failure(many_users):
    # Threads fail in different ways at the same time; the library keeps the last error per
    # thread, so each exception must describe its own thread's failure.
    start_together = threading.Barrier(THREADS)

    def fail(number: int) -> tuple[int, str]:
        start_together.wait()
        try:
            if number % 2:
                ucontact.get_user_token(many_users.url, f"agent{number}", "wrong")
            else:
                ucontact.get_user_token(f"https://bad{number}.example/path", "a", "b")
        except ucontact.UContactError as error:
            return int(error.code), error.message
        raise AssertionError("the login did not fail")

    with ThreadPoolExecutor(THREADS) as pool:
        for number, (code, message) in enumerate(pool.map(fail, range(THREADS))):
            if number % 2:
                assert code == ucontact.ErrorCode.AUTH_REJECTED
                assert "rejected the login" in message
            else:
                assert code == ucontact.ErrorCode.INVALID_DOMAIN
                assert "only an origin is accepted" in message


def _child_logs_in(url: str, client: ucontact.Client, results) -> None:
    try:
        results.send(
            (
                ucontact.get_user_token(url, DEMO_USER, DEMO_PASSWORD),
                client.get_user_token(DEMO_USER, DEMO_PASSWORD),
            )
        )
    except BaseException as error:  # reported to the parent, which fails the test
        results.send(repr(error))


@pytest.mark.filterwarnings("ignore:This process .* is multi-threaded:DeprecationWarning")
def test_forked_child_after_the_parent_logged_in_gets_its_token(server):
    client = ucontact.Client(server.url)
    # The parent's library now has its runtime, pooled connections and default client.
    assert ucontact.get_user_token(server.url, DEMO_USER, DEMO_PASSWORD) == DEMO_TOKEN
    assert client.get_user_token(DEMO_USER, DEMO_PASSWORD) == DEMO_TOKEN

    # A thread holds the client's lock while the fork happens: the child must not inherit it
    # held.
    holding, release = threading.Event(), threading.Event()

    def hold_the_lock() -> None:
        with client._state:
            holding.set()
            release.wait()

    holder = threading.Thread(target=hold_the_lock)
    holder.start()
    holding.wait()

    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_child_logs_in, args=(server.url, client, sender))
    child.start()
    release.set()
    holder.join()
    got = receiver.recv() if receiver.poll(120) else "the child sent nothing in 120 s"
    child.join(10)
    if child.is_alive():
        child.kill()
    assert got == (DEMO_TOKEN, DEMO_TOKEN)
    assert child.exitcode == 0

    # The parent goes on as before.
    assert client.get_user_token(DEMO_USER, DEMO_PASSWORD) == DEMO_TOKEN
    client.close()


def test_the_gil_is_released_during_the_network_call(start):
    # The login thread waits inside the native call on a server that answers after ten
    # minutes. This thread can run Python meanwhile (here: ask the server what it received)
    # only if that call let go of the GIL; stopping the server then ends the login.
    server = start("--fault", "delay:600000")
    client = ucontact.Client(server.url, total_timeout=900)
    outcome: list[BaseException] = []

    def log_in() -> None:
        try:
            client.get_user_token(DEMO_USER, DEMO_PASSWORD)
        except ucontact.UContactError as error:
            outcome.append(error)

    login = threading.Thread(target=log_in)
    login.start()
    while not server.requests():
        assert login.is_alive(), outcome
    assert login.is_alive()

    server.stop()
    login.join()
    assert isinstance(outcome[0], ucontact.NetworkError)
    client.close()
