package io.github.ucontact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Arguments refused before any traffic. A null is a {@link NullPointerException} whose
 * message is the argument's name; every other bad value an {@link InvalidArgumentException}.
 */
class ArgumentTest {
    private static LocalServer server;

    @BeforeAll
    static void startServer() throws Exception {
        server = LocalServer.start();
    }

    @AfterAll
    static void stopServer() throws Exception {
        assertEquals(0, server.requests().size(), "a refused argument reached the server");
        server.close();
    }

    @Test
    void nullDomainNamesTheArgument() {
        NullPointerException e = assertThrows(NullPointerException.class,
                () -> UContact.getUserToken(null, "demo", "pw".toCharArray()));
        assertEquals("domain", e.getMessage());
    }

    @Test
    void nullUserNamesTheArgument() {
        NullPointerException e = assertThrows(NullPointerException.class,
                () -> UContact.getUserToken(server.url, null, "pw".toCharArray()));
        assertEquals("user", e.getMessage());
        e = assertThrows(NullPointerException.class,
                () -> UContact.getUserToken(server.url, null, "pw"));
        assertEquals("user", e.getMessage());
    }

    @Test
    void nullPasswordNamesTheArgument() {
        NullPointerException e = assertThrows(NullPointerException.class,
                () -> UContact.getUserToken(server.url, "demo", (char[]) null));
        assertEquals("password", e.getMessage());
        e = assertThrows(NullPointerException.class,
                () -> UContact.getUserToken(server.url, "demo", (String) null));
        assertEquals("password", e.getMessage());
    }

    @Test
    void aNulCharacterInThePasswordIsRefusedNotCut() {
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                () -> UContact.getUserToken(server.url, "demo", "demo-password\0tail".toCharArray()));
        assertEquals(UContactErrorCode.INVALID_ARGUMENT, e.getCode());
        assertEquals("password contains a NUL character [UCONTACT_ERR_INVALID_ARGUMENT, 101]",
                e.getMessage());
    }

    @Test
    void aNulCharacterInTheUserOrDomainIsRefused() {
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                () -> UContact.getUserToken(server.url, "demo\0", "demo-password".toCharArray()));
        assertTrue(e.getMessage().startsWith("user contains a NUL character"), e.getMessage());
        e = assertThrows(InvalidArgumentException.class,
                () -> UContact.getUserToken(server.url + "\0", "demo", "demo-password".toCharArray()));
        assertTrue(e.getMessage().startsWith("domain contains a NUL character"), e.getMessage());
    }

    @Test
    void anUnpairedSurrogateIsInvalidUtf8AndNotInTheMessage() {
        String password = "secret\uD800tail";
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                () -> UContact.getUserToken(server.url, "demo", password.toCharArray()));
        assertEquals(UContactErrorCode.INVALID_UTF8, e.getCode());
        assertEquals("password is not valid UTF-8 [UCONTACT_ERR_INVALID_UTF8, 102]",
                e.getMessage());
        assertEquals(102, NativeLoader.api().ucontact_last_error_code());
    }

    @Test
    void anUnpairedSurrogateInTheUserIsInvalidUtf8() {
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                () -> UContact.getUserToken(server.url, "de\uDC00mo", "demo-password"));
        assertEquals(UContactErrorCode.INVALID_UTF8, e.getCode());
        assertEquals("user is not valid UTF-8 [UCONTACT_ERR_INVALID_UTF8, 102]", e.getMessage());
    }

    @Test
    void aPlainHttpDomainThatIsNotLoopbackIsInvalidDomain() {
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                () -> UContact.getUserToken("http://evil.example", "demo", "demo-password"));
        assertEquals(UContactErrorCode.INVALID_DOMAIN, e.getCode());
    }
}
