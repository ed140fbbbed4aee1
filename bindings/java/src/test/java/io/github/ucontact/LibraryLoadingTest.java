package io.github.ucontact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Where the native library comes from, each case in a JVM of its own. */
class LibraryLoadingTest {
    /** The environment of a child that has no hint but what the test gives it. */
    private static Map<String, String> bareEnvironment() {
        Map<String, String> environment = new HashMap<>();
        environment.put("UCONTACT_LIBRARY", null);
        environment.put("LD_LIBRARY_PATH", null);
        return environment;
    }

    private static Path builtLibrary() {
        String fromEnv = System.getenv("UCONTACT_LIBRARY");
        return fromEnv != null && !fromEnv.isEmpty() ? Paths.get(fromEnv)
                : Paths.get(System.getProperty("basedir", "."), "../../target/release/libucontact.so");
    }

    @Test
    void withoutHintsTheCopyOnTheClassPathIsLoaded() throws Exception {
        ForkedJvm child = ForkedJvm.run(Collections.singletonList("-Djna.debug_load=true"),
                bareEnvironment(), "version");
        assertEquals(0, child.exitCode, child.toString());
        assertEquals("version=" + VersionTest.cargoVersion() + "\n", child.stdout);
        assertTrue(child.stderr.contains("Found library resource at")
                && child.stderr.contains("linux-x86-64/libucontact.so"), child.toString());
    }

    @Test
    void theSystemPropertyNamesTheFileAndWinsOverTheEnvironment() throws Exception {
        Map<String, String> environment = bareEnvironment();
        environment.put("UCONTACT_LIBRARY", "/nonexistent/from-env/libucontact.so");
        ForkedJvm child = ForkedJvm.run(
                Collections.singletonList("-Ducontact.library.path=" + builtLibrary()),
                environment, "version");
        assertEquals(0, child.exitCode, child.toString());
        assertEquals("version=" + VersionTest.cargoVersion() + "\n", child.stdout);
    }

    @Test
    void aMissingFileInThePropertyFailsNamingIt() throws Exception {
        ForkedJvm child = ForkedJvm.run(
                Collections.singletonList("-Ducontact.library.path=/nonexistent/prop/libucontact.so"),
                bareEnvironment(), "version");
        assertEquals(4, child.exitCode, child.toString());
        assertTrue(child.stdout.startsWith("link-error=ucontact: cannot load the native library;"
                + " tried the file named by the system property ucontact.library.path:"
                + " /nonexistent/prop/libucontact.so."), child.toString());
    }

    @Test
    void aMissingFileInTheEnvironmentFailsNamingIt() throws Exception {
        Map<String, String> environment = bareEnvironment();
        environment.put("UCONTACT_LIBRARY", "/nonexistent/env/libucontact.so");
        ForkedJvm child = ForkedJvm.run(Collections.<String>emptyList(), environment, "version");
        assertEquals(4, child.exitCode, child.toString());
        assertTrue(child.stdout.startsWith("link-error=ucontact: cannot load the native library;"
                + " tried the file named by the environment variable UCONTACT_LIBRARY:"
                + " /nonexistent/env/libucontact.so."), child.toString());
    }

    @Test
    void jnaLibraryPathSelectsAnotherCopy() throws Exception {
        // The folder holds libucontact.so; JNA looks there before the class path.
        List<String> options = Arrays.asList("-Djna.debug_load=true",
                "-Djna.library.path=" + builtLibrary().getParent());
        ForkedJvm child = ForkedJvm.run(options, bareEnvironment(), "version");
        assertEquals(0, child.exitCode, child.toString());
        assertTrue(child.stderr.contains("Found library 'ucontact' at "
                + builtLibrary().getParent()), child.toString());
    }

    @Test
    void withNothingToLoadTheErrorNamesEveryPlaceTried() throws Exception {
        // The class path without target/classes, where the bundled copy is.
        ForkedJvm child = ForkedJvm.runWithoutBundledLibrary(bareEnvironment(), "version");
        assertEquals(4, child.exitCode, child.toString());
        assertTrue(child.stdout.startsWith("link-error=ucontact: cannot load the native library;"
                + " tried the library \"ucontact\" in jna.library.path (not set), in the system's"
                + " library path, and as the class path resource linux-x86-64/libucontact.so"),
                child.toString());
    }
}
