package io.github.ucontact;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The proxy from the environment, and {@link UContactClient.Builder#noProxy()} bypassing
 * it, each in a JVM whose HTTPS_PROXY is a closed loopback port.
 */
class ProxyEnvironmentTest {
    private static ForkedJvm login(LocalServer server, String proxyMode) throws Exception {
        Map<String, String> environment = new HashMap<>();
        environment.put("HTTPS_PROXY", "http://127.0.0.1:" + LocalServer.closedPort());
        environment.put("NO_PROXY", null);
        environment.put("no_proxy", null);
        return ForkedJvm.run(Collections.<String>emptyList(), environment,
                "client-login", server.url, server.caFile.toString(), proxyMode);
    }

    @Test
    void byDefaultTheEnvironmentsProxyIsUsed(@TempDir Path dir) throws Exception {
        try (LocalServer server = LocalServer.start("--tls", dir.toString())) {
            ForkedJvm child = login(server, "proxy");
            assertEquals(3, child.exitCode, child.toString());
            assertEquals("error=UCONTACT_ERR_CONNECT\n", child.stdout);
        }
    }

    @Test
    void noProxyBypassesTheEnvironmentsProxy(@TempDir Path dir) throws Exception {
        try (LocalServer server = LocalServer.start("--tls", dir.toString())) {
            ForkedJvm child = login(server, "no-proxy");
            assertEquals(0, child.exitCode, child.toString());
            assertEquals("token=" + LocalServer.DEMO_TOKEN + "\n", child.stdout);
        }
    }
}
