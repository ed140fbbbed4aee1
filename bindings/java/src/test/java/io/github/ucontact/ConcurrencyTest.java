package io.github.ucontact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Many threads at once, each with its own user, so that a mixed-up token is noticed. */
class ConcurrencyTest {
    private static final int THREADS = 16;
    private static final int CALLS = 25;
    private static LocalServer server;

    @BeforeAll
    static void startServer() throws Exception {
        String[] args = new String[THREADS * 2];
        for (int t = 0; t < THREADS; t++) {
            args[2 * t] = "--user";
            args[2 * t + 1] = user(t) + "=pw-" + t;
        }
        server = LocalServer.start(args);
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    @Test
    void theOneCallFunctionFromManyThreadsGivesEachUserItsToken() throws Exception {
        int good = runEverywhere(t -> UContact.getUserToken(server.url, user(t), ("pw-" + t).toCharArray()));
        assertEquals(THREADS * CALLS, good);
    }

    @Test
    void oneClientFromManyThreadsGivesEachUserItsToken() throws Exception {
        try (UContactClient client = UContactClient.builder(server.url).build()) {
            int good = runEverywhere(t -> client.getUserToken(user(t), ("pw-" + t).toCharArray()));
            assertEquals(THREADS * CALLS, good);
        }
    }

    @Test
    void failuresKeepTheirOwnThreadsMessage() throws Exception {
        // Half the threads fail (wrong password), half succeed; each failure's message must
        // be its own thread's, which the library keeps per thread.
        int good = runEverywhere(t -> {
            if (t % 2 == 0) {
                return UContact.getUserToken(server.url, user(t), ("pw-" + t).toCharArray());
            }
            AuthRejectedException e = assertThrows(AuthRejectedException.class,
                    () -> UContact.getUserToken(server.url, user(t), "wrong".toCharArray()));
            assertTrue(e.getMessage().endsWith("[UCONTACT_ERR_AUTH_REJECTED, 301]"), e.getMessage());
            return LocalServer.tokenOf(user(t));
        });
        assertEquals(THREADS * CALLS, good);
    }

    @Test
    void closingWhileOtherThreadsLogInEndsCleanly() throws Exception {
        UContactClient client = UContactClient.builder(server.url).build();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CountDownLatch started = new CountDownLatch(THREADS);
        AtomicInteger tokens = new AtomicInteger();
        AtomicInteger closed = new AtomicInteger();
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    started.countDown();
                    for (int i = 0; i < CALLS; i++) {
                        try {
                            assertEquals(LocalServer.tokenOf(user(thread)),
                                    client.getUserToken(user(thread), ("pw-" + thread).toCharArray()));
                            tokens.incrementAndGet();
                        } catch (IllegalStateException e) {
                            assertEquals("this UContactClient is closed", e.getMessage());
                            closed.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            started.await();
            client.close();
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertTrue(client.isClosed());
        assertEquals(THREADS * CALLS, tokens.get() + closed.get());
        assertThrows(IllegalStateException.class, () -> client.getUserToken(user(0), "pw-0"));
    }

    private interface Login {
        String token(int thread);
    }

    /** Runs CALLS logins on each of THREADS threads; returns how many got their exact token. */
    private static int runEverywhere(Login login) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<Integer>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                Callable<Integer> work = () -> {
                    int good = 0;
                    for (int i = 0; i < CALLS; i++) {
                        assertEquals(LocalServer.tokenOf(user(thread)), login.token(thread));
                        good++;
                    }
                    return good;
                };
                futures.add(pool.submit(work));
            }
            int good = 0;
            for (Future<Integer> f : futures) {
                good += f.get();
            }
            return good;
        } finally {
            pool.shutdownNow();
        }
    }

    private static String user(int thread) {
        return "agent" + thread;
    }
}
