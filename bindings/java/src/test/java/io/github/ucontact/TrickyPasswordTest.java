package io.github.ucontact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Passwords that break naive form encoding or a platform-encoded conversion: each must
 * reach the server exactly, and log in when it is the user's password.
 */
class TrickyPasswordTest {
    /** Each is the password of the user "u" + its index in the server started below. */
    private static final String[] PASSWORDS = {
        "with spaces  and a trailing one ",
        "a+b&c=d%e",
        "%41%42",
        "quote\" apostrophe' backslash\\",
        "naïve façade ñandú Ωμέγα",
        "emoji \uD83D\uDE00\uD83D\uDD10",
        "=leading-equals",
        "semi;colon,comma?query#hash/slash",
    };

    private static LocalServer server;

    @BeforeAll
    static void startServer() throws Exception {
        String[] args = new String[PASSWORDS.length * 2];
        for (int i = 0; i < PASSWORDS.length; i++) {
            args[2 * i] = "--user";
            args[2 * i + 1] = "u" + i + "=" + PASSWORDS[i];
        }
        server = LocalServer.start(args);
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7})
    void logsInAndTheServerDecodesThePasswordExactly(int index) throws Exception {
        String user = "u" + index;
        assertEquals(LocalServer.tokenOf(user),
                UContact.getUserToken(server.url, user, PASSWORDS[index].toCharArray()));
        assertEquals(PASSWORDS[index], server.lastField("password"));
        assertEquals(user, server.lastField("user"));
    }

    @Test
    void sendsNonAsciiAsUtf8Bytes() throws Exception {
        assertThrows(AuthRejectedException.class,
                () -> UContact.getUserToken(server.url, "nobody", "é😀".toCharArray()));
        String body = server.requests().get(server.requests().size() - 1).getAsJsonObject()
                .get("body").getAsString().toUpperCase(Locale.ROOT);
        assertTrue(body.contains("PASSWORD=%C3%A9%F0%9F%98%80".toUpperCase(Locale.ROOT)), body);
    }

    @Test
    void nonAsciiUserNamesCrossExactly() throws Exception {
        assertThrows(AuthRejectedException.class,
                () -> UContact.getUserToken(server.url, "José Ñandú", "x".toCharArray()));
        assertEquals("José Ñandú", server.lastField("user"));
    }

    @Test
    void aWrongPasswordIsRejectedAndNotInTheMessage() {
        String password = "not-the-" + PASSWORDS[1];
        AuthRejectedException e = assertThrows(AuthRejectedException.class,
                () -> UContact.getUserToken(server.url, "u1", password.toCharArray()));
        assertFalse(e.getMessage().contains(password), e.getMessage());
        assertFalse(e.toString().contains(password), e.toString());
    }
}
