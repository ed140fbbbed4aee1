package io.github.ucontact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UContactClientTest {
    private static final char[] PASSWORD = "demo-password".toCharArray();
    private static LocalServer server;

    @BeforeAll
    static void startServer() throws Exception {
        server = LocalServer.start();
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    @Test
    void aDefaultClientReturnsTheExactToken() {
        try (UContactClient client = UContactClient.builder(server.url).build()) {
            assertEquals(LocalServer.DEMO_TOKEN, client.getUserToken("demo", PASSWORD));
            assertEquals(LocalServer.DEMO_TOKEN, client.getUserToken("demo", "demo-password"));
        }
    }

    @Test
    void sendsTheConfiguredUserAgent() throws Exception {
        try (UContactClient client = UContactClient.builder(server.url)
                .userAgent("acme-crm/2.1 (+ops@acme.test)")
                .connectTimeout(Duration.ofSeconds(3))
                .totalTimeout(Duration.ofSeconds(7))
                .noProxy()
                .build()) {
            client.getUserToken("demo", PASSWORD);
        }
        String agent = server.requests().get(server.requests().size() - 1).getAsJsonObject()
                .get("user_agent").getAsString();
        assertEquals("acme-crm/2.1 (+ops@acme.test)", agent);
    }

    @Test
    void closeIsIdempotentAndLaterCallsThrowIllegalState() {
        UContactClient client = UContactClient.builder(server.url).build();
        assertFalse(client.isClosed());
        client.close();
        client.close();
        assertTrue(client.isClosed());
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> client.getUserToken("demo", PASSWORD));
        assertEquals("this UContactClient is closed", e.getMessage());
        assertEquals("UContactClient[domain=" + server.url + ", closed]", client.toString());
    }

    @Test
    void anInvalidDomainFailsAtBuildWithTheLibrarysCode() {
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                () -> UContactClient.builder("https://evil.example/path").build());
        assertEquals(UContactErrorCode.INVALID_DOMAIN, e.getCode());
        assertEquals(103, e.getNativeCode());
        assertEquals(103, NativeLoader.api().ucontact_last_error_code());
        assertEquals("invalid domain: only an origin is accepted: no path, query or fragment "
                + "[UCONTACT_ERR_INVALID_DOMAIN, 103]", e.getMessage());
    }

    @Test
    void anUnpairedSurrogateInTheDomainFailsAtBuildWithTheLibrarysUtf8Code() {
        // An invalid domain first leaves 103 as this thread's last code: the UTF-8 failure must
        // replace it, so neither a guessed code nor a check made only in Java passes.
        assertThrows(InvalidArgumentException.class,
                () -> UContactClient.builder("https://evil.example/path").build());
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                () -> UContactClient.builder("acme\uD800").build());
        assertEquals(UContactErrorCode.INVALID_UTF8, e.getCode());
        assertEquals(102, e.getNativeCode());
        assertEquals(102, NativeLoader.api().ucontact_last_error_code());
        assertEquals("domain is not valid UTF-8 [UCONTACT_ERR_INVALID_UTF8, 102]", e.getMessage());
    }

    @Test
    void aMissingCaFileFailsAtBuild(@TempDir Path dir) {
        Path missing = dir.resolve("missing.pem");
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                () -> UContactClient.builder(server.url).caFile(missing).build());
        assertEquals(UContactErrorCode.CA_FILE, e.getCode());
    }

    @Test
    void aCaFileWithoutCertificatesFailsAtBuild(@TempDir Path dir) throws Exception {
        Path empty = Files.write(dir.resolve("empty.pem"), new byte[0]);
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                () -> UContactClient.builder(server.url).caFile(empty).build());
        assertEquals(UContactErrorCode.CA_FILE, e.getCode());
    }

    @Test
    void anUnusableProxyFailsAtBuild() {
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                () -> UContactClient.builder(server.url).proxy("ftp://127.0.0.1:1").build());
        assertEquals(UContactErrorCode.INVALID_PROXY, e.getCode());
    }

    @Test
    void aProxyOnAClosedPortIsConnect(@TempDir Path dir) throws Exception {
        try (LocalServer tls = LocalServer.start("--tls", dir.toString());
                UContactClient client = UContactClient.builder(tls.url)
                        .caFile(tls.caFile)
                        .proxy("http://127.0.0.1:" + LocalServer.closedPort())
                        .build()) {
            NetworkException e = assertThrows(NetworkException.class,
                    () -> client.getUserToken("demo", PASSWORD));
            assertEquals(UContactErrorCode.CONNECT, e.getCode());
        }
    }

    @Test
    void aNonAsciiUserAgentIsInvalidArgument() {
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                () -> UContactClient.builder(server.url).userAgent("café/1").build());
        assertEquals(UContactErrorCode.INVALID_ARGUMENT, e.getCode());
    }

    @Test
    void aConnectTimeoutLongerThanTheTotalFailsAtBuild() {
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                () -> UContactClient.builder(server.url)
                        .connectTimeout(Duration.ofSeconds(5))
                        .totalTimeout(Duration.ofSeconds(1))
                        .build());
        assertEquals(UContactErrorCode.INVALID_ARGUMENT, e.getCode());
    }

    @Test
    void oneTimeoutAloneKeepsTheOtherDefaultWithinBounds() {
        try (UContactClient shortTotal = UContactClient.builder(server.url)
                        .totalTimeout(Duration.ofSeconds(2)).build();
                UContactClient longConnect = UContactClient.builder(server.url)
                        .connectTimeout(Duration.ofSeconds(60)).build()) {
            assertEquals(LocalServer.DEMO_TOKEN, shortTotal.getUserToken("demo", PASSWORD));
            assertEquals(LocalServer.DEMO_TOKEN, longConnect.getUserToken("demo", PASSWORD));
        }
    }

    @Test
    void timeoutsOutsideTheNativeRangeAreRefusedByTheSetter() {
        UContactClient.Builder builder = UContactClient.builder(server.url);
        for (Duration bad : new Duration[] {Duration.ZERO, Duration.ofNanos(999_999),
                Duration.ofMillis(-5), Duration.ofMillis(0x1_0000_0000L),
                Duration.ofSeconds(Long.MAX_VALUE)}) {
            InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                    () -> builder.connectTimeout(bad));
            assertEquals(UContactErrorCode.INVALID_ARGUMENT, e.getCode());
            assertTrue(e.getMessage().startsWith("connectTimeout must be between 1 ms and"),
                    e.getMessage());
            assertThrows(InvalidArgumentException.class, () -> builder.totalTimeout(bad));
        }
    }

    @Test
    void nullBuilderArgumentsNameTheArgument() {
        assertEquals("domain", assertThrows(NullPointerException.class,
                () -> UContactClient.builder(null)).getMessage());
        UContactClient.Builder builder = UContactClient.builder(server.url);
        assertEquals("connectTimeout", assertThrows(NullPointerException.class,
                () -> builder.connectTimeout(null)).getMessage());
        assertEquals("totalTimeout", assertThrows(NullPointerException.class,
                () -> builder.totalTimeout(null)).getMessage());
        assertEquals("pemFile", assertThrows(NullPointerException.class,
                () -> builder.caFile(null)).getMessage());
        assertEquals("url", assertThrows(NullPointerException.class,
                () -> builder.proxy(null)).getMessage());
        assertEquals("userAgent", assertThrows(NullPointerException.class,
                () -> builder.userAgent(null)).getMessage());
        try (UContactClient client = builder.build()) {
            assertEquals("user", assertThrows(NullPointerException.class,
                    () -> client.getUserToken(null, PASSWORD)).getMessage());
            assertEquals("password", assertThrows(NullPointerException.class,
                    () -> client.getUserToken("demo", (char[]) null)).getMessage());
            assertEquals("password", assertThrows(NullPointerException.class,
                    () -> client.getUserToken("demo", (String) null)).getMessage());
        }
    }
}
