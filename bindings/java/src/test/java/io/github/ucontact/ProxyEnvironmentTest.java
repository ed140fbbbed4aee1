package io.github.ucontact;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The proxy from the environment, in a JVM whose HTTPS_PROXY is a closed loopback port: a
 * loopback origin never goes through it (it would reach its own loopback, not this
 * machine's), by default or with {@link UContactClient.Builder#noProxy()}. That a remote
 * origin does go through it cannot be shown without a remote host; an explicit proxy on a
 * closed port is UContactClientTest.aProxyOnAClosedPortIsConnect.
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
    void byDefaultALoopbackOriginIgnoresTheEnvironmentsProxy(@TempDir Path dir)
            throws Exception {
        try (LocalServer server = LocalServer.start("--tls", dir.toString())) {
            ForkedJvm child = login(server, "proxy");
            assertEquals(0, child.exitCode, child.toString());
            assertEquals("token=" + LocalServer.DEMO_TOKEN + "\n", child.stdout);
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
