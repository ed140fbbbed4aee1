package io.github.ucontact;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class UContactLoginTest {
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
    void returnsTheExactTokenOfTheDemoUser() {
        assertEquals(LocalServer.DEMO_TOKEN,
                UContact.getUserToken(server.url, "demo", "demo-password".toCharArray()));
    }

    @Test
    void stringPasswordOverloadReturnsTheSameToken() {
        assertEquals(LocalServer.DEMO_TOKEN,
                UContact.getUserToken(server.url, "demo", "demo-password"));
    }

    @Test
    void leavesTheCallersPasswordArrayAsItWas() {
        char[] password = "demo-password".toCharArray();
        UContact.getUserToken(server.url, "demo", password);
        assertArrayEquals("demo-password".toCharArray(), password);
    }

    @Test
    void sendsTheFormTheVendorDocuments() throws Exception {
        UContact.getUserToken(server.url, "demo", "demo-password".toCharArray());
        JsonObject last = server.requests().get(server.requests().size() - 1).getAsJsonObject();
        assertEquals("POST", last.get("method").getAsString());
        assertEquals("/Integra/resources/auth/getUserToken", last.get("path").getAsString());
        assertEquals("demo", last.getAsJsonObject("fields").get("user").getAsString());
        assertEquals("demo-password", last.getAsJsonObject("fields").get("password").getAsString());
        assertEquals("ucontact/" + UContact.version(), last.get("user_agent").getAsString());
    }

    @Test
    void versionIsTheNativeLibrarysVersion() {
        assertEquals(VersionTest.cargoVersion(), UContact.version(),
                "the loaded native library is not the one built from ../../Cargo.toml: rebuild it"
                        + " with `make -C ../.. build`");
    }
}
