package io.github.ucontact;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The public API is plain Java: no JNA type appears in it. */
class PublicApiTest {
    private static final Class<?>[] PUBLIC = {UContact.class, UContactClient.class,
        UContactClient.Builder.class, UContactException.class, UContactErrorCode.class,
        AuthRejectedException.class, NetworkException.class, NetworkTimeoutException.class,
        InvalidArgumentException.class};

    @Test
    void noJnaTypeInAnyPublicSignature() {
        List<String> leaks = new ArrayList<>();
        for (Class<?> type : PUBLIC) {
            assertTrue(Modifier.isPublic(type.getModifiers()), type + " is not public");
            check(leaks, type + " extends", type.getSuperclass());
            for (Method m : type.getMethods()) {
                check(leaks, m.toString(), m.getReturnType());
                for (Class<?> p : m.getParameterTypes()) {
                    check(leaks, m.toString(), p);
                }
            }
            for (Constructor<?> c : type.getConstructors()) {
                for (Class<?> p : c.getParameterTypes()) {
                    check(leaks, c.toString(), p);
                }
            }
            for (Field f : type.getFields()) {
                check(leaks, f.toString(), f.getType());
            }
        }
        assertTrue(leaks.isEmpty(), "JNA types in the public API: " + leaks);
    }

    @Test
    void theExceptionsAndTheEntryPointsCannotBeExtendedOrMadeFromOutside() {
        for (Class<?> type : Arrays.asList(UContact.class, UContactClient.class,
                AuthRejectedException.class, NetworkTimeoutException.class,
                InvalidArgumentException.class)) {
            assertTrue(Modifier.isFinal(type.getModifiers()), type + " is not final");
        }
        for (Class<?> type : PUBLIC) {
            assertFalse(type.getConstructors().length > 0, type + " has a public constructor");
        }
    }

    private static void check(List<String> leaks, String where, Class<?> type) {
        while (type != null && type.isArray()) {
            type = type.getComponentType();
        }
        if (type != null && type.getName().startsWith("com.sun.jna")) {
            leaks.add(where);
        }
    }
}
