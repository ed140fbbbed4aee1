package io.github.ucontact;

/**
 * The result codes of the ucontact C library, each with the value of its
 * {@code UCONTACT_ERR_*} constant in {@code ucontact.h}.
 *
 * <p>The values never change between releases. A value this binding does not know (from a
 * newer native library) maps to {@link #UNKNOWN}; the exception that carries it still holds
 * the raw value in {@link UContactException#getNativeCode()}.
 */
public enum UContactErrorCode {
    /** An argument was missing, empty or out of range ({@code UCONTACT_ERR_INVALID_ARGUMENT}). */
    INVALID_ARGUMENT(101),
    /** A string argument was not valid UTF-8 ({@code UCONTACT_ERR_INVALID_UTF8}). */
    INVALID_UTF8(102),
    /** The domain is none of the accepted forms; nothing was sent ({@code UCONTACT_ERR_INVALID_DOMAIN}). */
    INVALID_DOMAIN(103),
    /** The out-buffer was too small for the token ({@code UCONTACT_ERR_BUFFER_TOO_SMALL}). */
    BUFFER_TOO_SMALL(104),
    /** A CA file is missing, unreadable or holds no certificate ({@code UCONTACT_ERR_CA_FILE}). */
    CA_FILE(105),
    /** A proxy URL cannot be used ({@code UCONTACT_ERR_INVALID_PROXY}). */
    INVALID_PROXY(106),
    /** The connection failed: DNS, refused, reset or dropped ({@code UCONTACT_ERR_CONNECT}). */
    CONNECT(201),
    /** The connect or total timeout passed ({@code UCONTACT_ERR_TIMEOUT}). */
    TIMEOUT(202),
    /** The TLS handshake failed or the certificate is not trusted ({@code UCONTACT_ERR_TLS}). */
    TLS(203),
    /** The server refused the login: wrong user or password ({@code UCONTACT_ERR_AUTH_REJECTED}). */
    AUTH_REJECTED(301),
    /** The server answered an HTTP status other than 2xx ({@code UCONTACT_ERR_HTTP_STATUS}). */
    HTTP_STATUS(302),
    /** The reply was not a token reply ({@code UCONTACT_ERR_BAD_RESPONSE}). */
    BAD_RESPONSE(401),
    /** A bug in the native library, caught at its boundary ({@code UCONTACT_ERR_INTERNAL}). */
    INTERNAL(901),
    /**
     * A value this binding does not know, from a newer native library. It has no C
     * constant; {@link #getValue()} returns -1.
     */
    UNKNOWN(-1);

    private final int value;

    UContactErrorCode(int value) {
        this.value = value;
    }

    /**
     * The value of the C constant, such as 301 for {@link #AUTH_REJECTED}.
     *
     * @return the C value, or -1 for {@link #UNKNOWN}
     */
    public int getValue() {
        return value;
    }

    /**
     * The name of the C constant, such as {@code "UCONTACT_ERR_AUTH_REJECTED"}.
     *
     * @return the C name, or {@code "UNKNOWN"} for {@link #UNKNOWN}
     */
    public String getCName() {
        return this == UNKNOWN ? "UNKNOWN" : "UCONTACT_ERR_" + name();
    }

    /**
     * The code with the given C value.
     *
     * @param value a value returned by the native library
     * @return its code, or {@link #UNKNOWN} when no code has that value
     */
    public static UContactErrorCode fromValue(int value) {
        for (UContactErrorCode code : values()) {
            if (code != UNKNOWN && code.value == value) {
                return code;
            }
        }
        return UNKNOWN;
    }
}
