package io.github.ucontact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Pointer;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** NativeApi declares the functions of the header: both must agree, parameter by parameter. */
class HeaderFunctionsTest {
    /** Each function of the header and the C types of its result and parameters. */
    static Map<String, List<String>> headerFunctions() throws Exception {
        String text = new String(Files.readAllBytes(HeaderCodesTest.header()),
                StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("(?m)^(\\S[^;(\\n]*?)\\b(ucontact_\\w+)\\(([^)]*)\\);")
                .matcher(text);
        Map<String, List<String>> functions = new TreeMap<>();
        while (m.find()) {
            List<String> types = new ArrayList<>();
            types.add(kind(m.group(1)));
            if (!m.group(3).trim().equals("void")) {
                for (String parameter : m.group(3).split(",")) {
                    types.add(kind(parameter.trim().replaceAll("\\w+$", "")));
                }
            }
            functions.put(m.group(2), types);
        }
        return functions;
    }

    /** NativeApi's methods, in the same form as {@link #headerFunctions()}. */
    static Map<String, List<String>> declaredFunctions() {
        Map<String, List<String>> functions = new TreeMap<>();
        for (Method method : NativeApi.class.getDeclaredMethods()) {
            List<String> types = new ArrayList<>();
            types.add(kind(method.getReturnType()));
            for (Class<?> parameter : method.getParameterTypes()) {
                types.add(kind(parameter));
            }
            functions.put(method.getName(), types);
        }
        return functions;
    }

    /** The C type as one of: void, int32 (int32_t or uint32_t), size_t, pointer. */
    private static String kind(String cType) {
        String type = cType.trim();
        if (type.endsWith("*")) {
            return "pointer";
        }
        if (type.equals("int32_t") || type.equals("uint32_t")) {
            return "int32";
        }
        return type;
    }

    /** The Java type as the C kind that JNA passes it as. */
    private static String kind(Class<?> javaType) {
        if (javaType == byte[].class || javaType == Pointer.class) {
            return "pointer";
        }
        if (javaType == int.class) {
            return "int32";
        }
        if (javaType == NativeApi.SizeT.class) {
            return "size_t";
        }
        return javaType.getName();
    }

    @Test
    void everyHeaderFunctionIsDeclaredWithItsTypes() throws Exception {
        Map<String, List<String>> header = headerFunctions();
        assertTrue(header.size() >= 12, "too few functions found in " + HeaderCodesTest.header()
                + ": " + header.keySet());
        assertEquals(header, declaredFunctions(), "the functions of " + HeaderCodesTest.header()
                + " and NativeApi differ (name: result type, parameter types): update "
                + "bindings/java/src/main/java/io/github/ucontact/NativeApi.java");
    }
}
