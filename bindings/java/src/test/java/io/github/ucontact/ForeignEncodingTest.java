package io.github.ucontact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A JVM whose default encoding is ISO-8859-1 (and whose locale is plain C) must still send
 * UTF-8: the server has to decode the non-ASCII user and password exactly and log in.
 */
class ForeignEncodingTest {
    private static final String USER = "señor";
    private static final String PASSWORD = "pässwörd ñ € \uD83D\uDE00";

    @Test
    void anIso88591JvmStillSendsUtf8() throws Exception {
        try (LocalServer server = LocalServer.start("--user", USER + "=" + PASSWORD)) {
            Map<String, String> environment = new HashMap<>();
            environment.put("LC_ALL", "C");
            environment.put("LANG", "C");
            ForkedJvm child = ForkedJvm.run(
                    Arrays.asList("-Dfile.encoding=ISO-8859-1", "-Djna.encoding=ISO-8859-1"),
                    environment, "login", server.url,
                    ChildMain.hex(USER.getBytes(StandardCharsets.UTF_8)),
                    ChildMain.hex(PASSWORD.getBytes(StandardCharsets.UTF_8)));

            assertTrue(child.stdout.contains("charset=ISO-8859-1\n"),
                    "the child JVM did not run with ISO-8859-1: " + child);
            assertEquals(0, child.exitCode, child.toString());
            assertTrue(child.stdout.contains("token=" + LocalServer.tokenOf(USER) + "\n"),
                    child.toString());
            assertEquals(USER, server.lastField("user"));
            assertEquals(PASSWORD, server.lastField("password"));
        }
    }
}
