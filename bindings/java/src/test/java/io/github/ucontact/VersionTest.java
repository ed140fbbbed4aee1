package io.github.ucontact;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The artifact's version is a copy of the crate's: ../../Cargo.toml is the one to follow. */
class VersionTest {
    static String cargoVersion() {
        try {
            String toml = new String(Files.readAllBytes(
                    Paths.get(System.getProperty("basedir", "."), "../../Cargo.toml")),
                    StandardCharsets.UTF_8);
            Matcher m = Pattern.compile("(?m)^version\\s*=\\s*\"([^\"]+)\"").matcher(toml);
            if (!m.find()) {
                throw new AssertionError("no version in ../../Cargo.toml");
            }
            return m.group(1);
        } catch (java.io.IOException e) {
            throw new AssertionError("cannot read ../../Cargo.toml", e);
        }
    }

    @Test
    void pomVersionEqualsTheCrateVersion() throws Exception {
        Properties build = new Properties();
        try (InputStream in = VersionTest.class.getResourceAsStream("/ucontact-build.properties")) {
            build.load(in);
        }
        assertEquals(cargoVersion(), build.getProperty("project.version"),
                "bindings/java/pom.xml <version> differs from the crate's version in Cargo.toml:"
                        + " update the <version> of bindings/java/pom.xml to the crate's");
    }
}
