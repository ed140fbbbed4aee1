package io.github.ucontact;

/**
 * A failed ucontact call, with the library's result code and its message.
 *
 * <p>The subclasses are for failures a caller handles separately:
 * {@link AuthRejectedException} (wrong user or password), {@link NetworkException}
 * (connection, TLS, and {@link NetworkTimeoutException} for timeouts) and
 * {@link InvalidArgumentException} (bad argument, domain, CA file or proxy). Other codes
 * ({@link UContactErrorCode#HTTP_STATUS}, {@link UContactErrorCode#BAD_RESPONSE},
 * {@link UContactErrorCode#BUFFER_TOO_SMALL}, {@link UContactErrorCode#INTERNAL} and
 * {@link UContactErrorCode#UNKNOWN}) are thrown as this class itself.
 *
 * <p>The message comes from the native library's {@code ucontact_last_error_message} and
 * ends with the C name and value of the code. It never holds a password or a token.
 */
public class UContactException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The code, as {@link UContactErrorCode#fromValue(int)} maps {@link #nativeCode}. */
    private final UContactErrorCode code;
    /** The raw value the native library returned. */
    private final int nativeCode;

    UContactException(int nativeCode, String detail) {
        super(format(nativeCode, detail));
        this.code = UContactErrorCode.fromValue(nativeCode);
        this.nativeCode = nativeCode;
    }

    /**
     * The result code of the failure.
     *
     * @return the code; {@link UContactErrorCode#UNKNOWN} for a value this binding does not know
     */
    public UContactErrorCode getCode() {
        return code;
    }

    /**
     * The raw value the native library returned, which {@link #getCode()} maps. It differs
     * from {@code getCode().getValue()} only for {@link UContactErrorCode#UNKNOWN}.
     *
     * @return the C result value
     */
    public int getNativeCode() {
        return nativeCode;
    }

    private static String format(int nativeCode, String detail) {
        UContactErrorCode code = UContactErrorCode.fromValue(nativeCode);
        return detail + " [" + code.getCName() + ", " + nativeCode + "]";
    }
}
