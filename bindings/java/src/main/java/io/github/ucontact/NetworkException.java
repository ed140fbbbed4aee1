package io.github.ucontact;

/**
 * The server could not be reached or trusted: the connection failed
 * ({@link UContactErrorCode#CONNECT}), the TLS handshake or certificate check failed
 * ({@link UContactErrorCode#TLS}), or a timeout passed ({@link NetworkTimeoutException},
 * {@link UContactErrorCode#TIMEOUT}). A connection failure or a timeout may be worth a retry;
 * a TLS failure usually needs a configuration change, such as
 * {@link UContactClient.Builder#caFile(java.nio.file.Path)}.
 */
public class NetworkException extends UContactException {
    private static final long serialVersionUID = 1L;

    NetworkException(int nativeCode, String detail) {
        super(nativeCode, detail);
    }
}
