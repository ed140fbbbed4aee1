package io.github.ucontact;

/**
 * The server refused the login: the user or the password is wrong
 * ({@link UContactErrorCode#AUTH_REJECTED}). Retrying with the same credentials will not help.
 */
public final class AuthRejectedException extends UContactException {
    private static final long serialVersionUID = 1L;

    AuthRejectedException(int nativeCode, String detail) {
        super(nativeCode, detail);
    }
}
