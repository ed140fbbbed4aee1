package io.github.ucontact;

import com.sun.jna.IntegerType;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * Every function of {@code include/ucontact.h}, declared for JNA. Strings cross as
 * NUL-terminated UTF-8 {@code byte[]} (or native memory, for the password) and never as
 * {@code String}, whose JNA mapping uses the platform's encoding.
 */
interface NativeApi extends Library {
    /** {@code UCONTACT_TOKEN_BUFFER_SIZE}: an out-buffer of this size always fits a token. */
    int TOKEN_BUFFER_SIZE = 1024;

    /** {@code UCONTACT_ERROR_BUFFER_SIZE}: a buffer of this size holds any message whole. */
    int ERROR_BUFFER_SIZE = 512;

    /** {@code UCONTACT_DEFAULT_CONNECT_TIMEOUT_MS}. */
    long DEFAULT_CONNECT_TIMEOUT_MS = 10_000;

    /** {@code UCONTACT_DEFAULT_TOTAL_TIMEOUT_MS}. */
    long DEFAULT_TOTAL_TIMEOUT_MS = 30_000;

    /** {@code UCONTACT_OK}. */
    int OK = 0;

    /** C {@code size_t}, whose width follows the platform (unlike {@code long} on Windows). */
    final class SizeT extends IntegerType {
        private static final long serialVersionUID = 1L;

        public SizeT() {
            this(0);
        }

        SizeT(long value) {
            super(Native.SIZE_T_SIZE, value, true);
        }
    }

    int ucontact_get_user_token(byte[] domain, byte[] user, Pointer password, byte[] outBuf,
            SizeT len);

    Pointer ucontact_client_new(byte[] domain);

    void ucontact_client_free(Pointer client);

    int ucontact_client_set_timeouts(Pointer client, int connectMs, int totalMs);

    int ucontact_client_set_ca_file(Pointer client, byte[] pemPath);

    int ucontact_client_set_proxy(Pointer client, byte[] url);

    int ucontact_client_set_user_agent(Pointer client, byte[] userAgent);

    int ucontact_client_get_user_token(Pointer client, byte[] user, Pointer password,
            byte[] outBuf, SizeT len);

    int ucontact_last_error_code();

    Pointer ucontact_strerror(int code);

    SizeT ucontact_last_error_message(byte[] buf, SizeT len);

    Pointer ucontact_version();
}
