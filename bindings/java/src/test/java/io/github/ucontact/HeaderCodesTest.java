package io.github.ucontact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** UContactErrorCode is a second copy of the header's codes: both must agree. */
class HeaderCodesTest {
    static Path header() {
        return Paths.get(System.getProperty("basedir", "."), "../../include/ucontact.h");
    }

    static Map<String, Integer> headerCodes() throws Exception {
        String text = new String(Files.readAllBytes(header()), StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("(?m)^#define\\s+(UCONTACT_ERR_\\w+)\\s+(-?\\d+)\\s*$").matcher(text);
        Map<String, Integer> codes = new TreeMap<>();
        while (m.find()) {
            codes.put(m.group(1), Integer.parseInt(m.group(2)));
        }
        return codes;
    }

    @Test
    void everyHeaderCodeIsInTheEnumWithItsValue() throws Exception {
        Map<String, Integer> header = headerCodes();
        assertFalse(header.isEmpty(), "no UCONTACT_ERR_* #define found in " + header());
        Map<String, Integer> java = new TreeMap<>();
        for (UContactErrorCode code : UContactErrorCode.values()) {
            if (code != UContactErrorCode.UNKNOWN) {
                java.put(code.getCName(), code.getValue());
            }
        }
        assertEquals(header, java, "include/ucontact.h and UContactErrorCode differ: update "
                + "bindings/java/src/main/java/io/github/ucontact/UContactErrorCode.java (and "
                + "the mapping in Failures.java) to match the header");
    }

    @Test
    void fromValueFindsEachCodeAndUnknownForTheRest() throws Exception {
        for (Map.Entry<String, Integer> entry : headerCodes().entrySet()) {
            assertEquals(entry.getKey(), UContactErrorCode.fromValue(entry.getValue()).getCName());
        }
        assertEquals(UContactErrorCode.UNKNOWN, UContactErrorCode.fromValue(0));
        assertEquals(UContactErrorCode.UNKNOWN, UContactErrorCode.fromValue(-1));
        assertEquals(UContactErrorCode.UNKNOWN, UContactErrorCode.fromValue(999));
    }

    @Test
    void theNativeLibraryDescribesEveryCode() throws Exception {
        String unknown = CStrings.fromC(NativeLoader.api().ucontact_strerror(-12345));
        for (UContactErrorCode code : UContactErrorCode.values()) {
            if (code != UContactErrorCode.UNKNOWN) {
                assertNotEquals(unknown, CStrings.fromC(NativeLoader.api().ucontact_strerror(code.getValue())),
                        code.getCName() + " has no description in the native library");
            }
        }
    }

    @Test
    void theHeaderConstantsCopiedIntoNativeApiMatch() throws Exception {
        String text = new String(Files.readAllBytes(header()), StandardCharsets.UTF_8);
        assertEquals(NativeApi.TOKEN_BUFFER_SIZE, define(text, "UCONTACT_TOKEN_BUFFER_SIZE"));
        assertEquals(NativeApi.ERROR_BUFFER_SIZE, define(text, "UCONTACT_ERROR_BUFFER_SIZE"));
        assertEquals(NativeApi.DEFAULT_CONNECT_TIMEOUT_MS,
                define(text, "UCONTACT_DEFAULT_CONNECT_TIMEOUT_MS"));
        assertEquals(NativeApi.DEFAULT_TOTAL_TIMEOUT_MS,
                define(text, "UCONTACT_DEFAULT_TOTAL_TIMEOUT_MS"));
        assertEquals(NativeApi.OK, define(text, "UCONTACT_OK"));
    }

    private static long define(String header, String name) {
        Matcher m = Pattern.compile("(?m)^#define\\s+" + name + "\\s+(\\d+)\\s*$").matcher(header);
        if (!m.find()) {
            throw new AssertionError(name + " is not in the header; update NativeApi.java");
        }
        return Long.parseLong(m.group(1));
    }
}
