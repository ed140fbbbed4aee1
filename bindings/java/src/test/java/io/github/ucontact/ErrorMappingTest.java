package io.github.ucontact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each failure the local server can cause, mapped to its code and exception class. */
class ErrorMappingTest {
    private static final char[] PASSWORD = "demo-password".toCharArray();

    @Test
    void wrongPasswordIsAuthRejected() throws Exception {
        try (LocalServer server = LocalServer.start()) {
            AuthRejectedException e = assertThrows(AuthRejectedException.class,
                    () -> UContact.getUserToken(server.url, "demo", "wrong".toCharArray()));
            assertEquals(UContactErrorCode.AUTH_REJECTED, e.getCode());
            assertEquals(301, e.getNativeCode());
            assertTrue(e.getMessage().endsWith("[UCONTACT_ERR_AUTH_REJECTED, 301]"), e.getMessage());
        }
    }

    @Test
    void status503IsHttpStatus() throws Exception {
        try (LocalServer server = LocalServer.start("--fault", "status:503")) {
            UContactException e = assertThrows(UContactException.class,
                    () -> UContact.getUserToken(server.url, "demo", PASSWORD));
            assertSame(UContactException.class, e.getClass());
            assertEquals(UContactErrorCode.HTTP_STATUS, e.getCode());
            assertTrue(e.getMessage().contains("503"), e.getMessage());
        }
    }

    @Test
    void anEmptyJsonObjectIsBadResponse() throws Exception {
        try (LocalServer server = LocalServer.start("--fault", "body:{}")) {
            UContactException e = assertThrows(UContactException.class,
                    () -> UContact.getUserToken(server.url, "demo", PASSWORD));
            assertSame(UContactException.class, e.getClass());
            assertEquals(UContactErrorCode.BAD_RESPONSE, e.getCode());
        }
    }

    @Test
    void aSilentServerIsTimeout() throws Exception {
        try (LocalServer server = LocalServer.start("--fault", "silent");
                UContactClient client = UContactClient.builder(server.url)
                        .connectTimeout(Duration.ofMillis(200))
                        .totalTimeout(Duration.ofMillis(500))
                        .build()) {
            NetworkTimeoutException e = assertThrows(NetworkTimeoutException.class,
                    () -> client.getUserToken("demo", PASSWORD));
            assertEquals(UContactErrorCode.TIMEOUT, e.getCode());
            assertTrue(e instanceof NetworkException);
        }
    }

    @Test
    void aClosedPortIsConnect() throws Exception {
        String domain = "http://127.0.0.1:" + LocalServer.closedPort();
        NetworkException e = assertThrows(NetworkException.class,
                () -> UContact.getUserToken(domain, "demo", PASSWORD));
        assertSame(NetworkException.class, e.getClass());
        assertEquals(UContactErrorCode.CONNECT, e.getCode());
    }

    @Test
    void anUntrustedCertificateIsTls(@TempDir Path dir) throws Exception {
        try (LocalServer server = LocalServer.start("--tls", dir.toString())) {
            assertTrue(server.url.startsWith("https://localhost:"), server.url);
            NetworkException e = assertThrows(NetworkException.class,
                    () -> UContact.getUserToken(server.url, "demo", PASSWORD));
            assertSame(NetworkException.class, e.getClass());
            assertEquals(UContactErrorCode.TLS, e.getCode());
        }
    }

    @Test
    void theSameTlsServerTrustedThroughCaFileLogsIn(@TempDir Path dir) throws Exception {
        try (LocalServer server = LocalServer.start("--tls", dir.toString());
                UContactClient client = UContactClient.builder(server.url)
                        .caFile(server.caFile)
                        .build()) {
            assertEquals(LocalServer.DEMO_TOKEN, client.getUserToken("demo", PASSWORD));
        }
    }

    @Test
    void aDomainWithAPathIsInvalidDomainWithoutTraffic() {
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                () -> UContact.getUserToken("https://evil.example/path", "demo", PASSWORD));
        assertEquals(UContactErrorCode.INVALID_DOMAIN, e.getCode());
    }

    @Test
    void anEmptyPasswordIsInvalidArgument() throws Exception {
        try (LocalServer server = LocalServer.start()) {
            InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                    () -> UContact.getUserToken(server.url, "demo", new char[0]));
            assertEquals(UContactErrorCode.INVALID_ARGUMENT, e.getCode());
            assertEquals(0, server.requests().size());
        }
    }

    @Test
    void anEmptyUserIsInvalidArgument() {
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                () -> UContact.getUserToken("http://127.0.0.1:1", "", PASSWORD));
        assertEquals(UContactErrorCode.INVALID_ARGUMENT, e.getCode());
    }

    @Test
    void everyKnownCodeMapsToItsClass() {
        assertSame(AuthRejectedException.class, Failures.of(301, "x").getClass());
        assertSame(NetworkException.class, Failures.of(201, "x").getClass());
        assertSame(NetworkException.class, Failures.of(203, "x").getClass());
        assertSame(NetworkTimeoutException.class, Failures.of(202, "x").getClass());
        for (int code : new int[] {101, 102, 103, 105, 106}) {
            assertSame(InvalidArgumentException.class, Failures.of(code, "x").getClass());
        }
        for (int code : new int[] {104, 302, 401, 901}) {
            assertSame(UContactException.class, Failures.of(code, "x").getClass());
        }
    }

    @Test
    void anUnknownCodeKeepsItsValue() {
        UContactException e = Failures.of(777, "something new");
        assertSame(UContactException.class, e.getClass());
        assertEquals(UContactErrorCode.UNKNOWN, e.getCode());
        assertEquals(777, e.getNativeCode());
        assertEquals("something new [UNKNOWN, 777]", e.getMessage());
    }

    @Test
    void messagesComeFromTheNativeLibrary() {
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                () -> UContact.getUserToken("https://evil.example/path", "demo", PASSWORD));
        assertTrue(e.getMessage().startsWith("invalid domain"), e.getMessage());
        assertFalse(e.getMessage().contains("demo-password"), e.getMessage());
    }
}
