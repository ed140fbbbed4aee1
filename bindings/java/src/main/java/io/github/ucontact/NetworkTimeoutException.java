package io.github.ucontact;

/**
 * The connect timeout or the total timeout of a login passed
 * ({@link UContactErrorCode#TIMEOUT}). The defaults are 10 s and 30 s; a
 * {@link UContactClient} can set others.
 */
public final class NetworkTimeoutException extends NetworkException {
    private static final long serialVersionUID = 1L;

    NetworkTimeoutException(int nativeCode, String detail) {
        super(nativeCode, detail);
    }
}
