package io.github.ucontact;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import java.util.Collections;
import java.util.Map;

/**
 * Loads the native library once, on first use.
 *
 * <p>Where from, in this order: the full path in the system property
 * {@code ucontact.library.path}; else the full path in the environment variable
 * {@code UCONTACT_LIBRARY}; else the name {@code ucontact} the way JNA looks for it: the
 * folders of {@code jna.library.path}, the system's library path, then the class path
 * resource {@code <platform>/libucontact.so} that the jar carries. An explicit path that
 * fails to load is an error; there is no fall-back to the next place.
 */
final class NativeLoader {
    static final String PATH_PROPERTY = "ucontact.library.path";
    static final String PATH_VARIABLE = "UCONTACT_LIBRARY";

    private NativeLoader() {
    }

    /**
     * The loaded library.
     *
     * @throws UnsatisfiedLinkError when it cannot be loaded, naming every place tried; every
     *     later call throws the same message again
     */
    static NativeApi api() {
        if (Holder.API == null) {
            UnsatisfiedLinkError again = new UnsatisfiedLinkError(Holder.FAILURE.getMessage());
            again.initCause(Holder.FAILURE);
            throw again;
        }
        return Holder.API;
    }

    /** Initialised on first use; the JVM makes that thread-safe. */
    private static final class Holder {
        static final NativeApi API;
        static final UnsatisfiedLinkError FAILURE;

        static {
            NativeApi api = null;
            UnsatisfiedLinkError failure = null;
            try {
                api = load();
            } catch (UnsatisfiedLinkError e) {
                failure = e;
            }
            API = api;
            FAILURE = failure;
        }
    }

    private static NativeApi load() {
        // No String ever crosses, but should one slip in, it must not take the platform's
        // encoding.
        Map<String, Object> options = Collections.<String, Object>singletonMap(
                Library.OPTION_STRING_ENCODING, "UTF-8");
        String property = System.getProperty(PATH_PROPERTY);
        String variable = System.getenv(PATH_VARIABLE);
        String name;
        String tried;
        if (property != null && !property.isEmpty()) {
            name = property;
            tried = "the file named by the system property " + PATH_PROPERTY + ": " + property;
        } else if (variable != null && !variable.isEmpty()) {
            name = variable;
            tried = "the file named by the environment variable " + PATH_VARIABLE + ": "
                    + variable;
        } else {
            name = "ucontact";
            String jnaPath = System.getProperty("jna.library.path");
            tried = "the library \"ucontact\" in jna.library.path ("
                    + (jnaPath == null ? "not set" : jnaPath) + "), in the system's library "
                    + "path, and as the class path resource " + Platform.RESOURCE_PREFIX + "/"
                    + System.mapLibraryName("ucontact")
                    + " (set " + PATH_PROPERTY + " or " + PATH_VARIABLE
                    + " to the full path of another copy)";
        }

        try {
            return Native.load(name, NativeApi.class, options);
        } catch (UnsatisfiedLinkError e) {
            UnsatisfiedLinkError failure = new UnsatisfiedLinkError(
                    "ucontact: cannot load the native library; tried " + tried
                            + ". JNA reported: " + e.getMessage());
            failure.initCause(e);
            throw failure;
        }
    }
}
