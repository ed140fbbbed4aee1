package io.github.ucontact;

/**
 * An argument was refused before any network work: an empty user or password, a string
 * holding a NUL character or an unpaired surrogate, a domain of none of the accepted forms,
 * an out-of-range timeout, an unusable CA file, proxy URL or user agent. The code says which:
 * {@link UContactErrorCode#INVALID_ARGUMENT}, {@link UContactErrorCode#INVALID_UTF8},
 * {@link UContactErrorCode#INVALID_DOMAIN}, {@link UContactErrorCode#CA_FILE} or
 * {@link UContactErrorCode#INVALID_PROXY}.
 *
 * <p>A {@code null} argument is not reported this way: it throws
 * {@link NullPointerException} naming the argument.
 */
public final class InvalidArgumentException extends UContactException {
    private static final long serialVersionUID = 1L;

    InvalidArgumentException(int nativeCode, String detail) {
        super(nativeCode, detail);
    }
}
