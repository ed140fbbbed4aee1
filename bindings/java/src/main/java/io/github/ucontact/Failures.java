package io.github.ucontact;

import com.sun.jna.Pointer;

/** Turns the native library's result codes into this binding's exceptions. */
final class Failures {
    private Failures() {
    }

    /**
     * The exception for {@code code}, returned by a call on this thread just now, with this
     * thread's last-error message (or, should that be empty, the code's description).
     */
    static UContactException fromCode(NativeApi api, int code) {
        return of(code, detail(api, code));
    }

    /** An argument refused by this binding before calling the library. */
    static InvalidArgumentException invalid(UContactErrorCode code, String detail) {
        return new InvalidArgumentException(code.getValue(), detail);
    }

    /** The exception class that a caller catches for {@code code}. */
    static UContactException of(int code, String detail) {
        switch (UContactErrorCode.fromValue(code)) {
            case AUTH_REJECTED:
                return new AuthRejectedException(code, detail);
            case TIMEOUT:
                return new NetworkTimeoutException(code, detail);
            case CONNECT:
            case TLS:
                return new NetworkException(code, detail);
            case INVALID_ARGUMENT:
            case INVALID_UTF8:
            case INVALID_DOMAIN:
            case CA_FILE:
            case INVALID_PROXY:
                return new InvalidArgumentException(code, detail);
            default:
                return new UContactException(code, detail);
        }
    }

    /** This thread's last-error message, which the library keeps per thread. */
    static String lastErrorMessage(NativeApi api) {
        byte[] buf = new byte[NativeApi.ERROR_BUFFER_SIZE];
        api.ucontact_last_error_message(buf, new NativeApi.SizeT(buf.length));
        return CStrings.fromC(buf);
    }

    private static String detail(NativeApi api, int code) {
        String message = lastErrorMessage(api);
        if (!message.isEmpty()) {
            return message;
        }
        Pointer description = api.ucontact_strerror(code);
        return CStrings.fromC(description);
    }
}
