package io.github.ucontact;

import com.sun.jna.Pointer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A login client for one uContact instance, with its own timeouts, trusted CA, proxy, user
 * agent and connections.
 *
 * <pre>{@code
 * try (UContactClient client = UContactClient.builder("uc.example.com")
 *         .connectTimeout(Duration.ofSeconds(5))
 *         .totalTimeout(Duration.ofSeconds(15))
 *         .caFile(Paths.get("/etc/uc/ca.pem"))
 *         .build()) {
 *     String token = client.getUserToken("apiuser", password);
 * }
 * }</pre>
 *
 * <p><b>Threads.</b> Many threads may log in through one client at once. {@link #close()}
 * may be called from any thread, any number of times: it waits for the logins in progress
 * to finish (each takes at most the total timeout), then releases the native client; a
 * login that starts after it throws {@link IllegalStateException}.
 *
 * <p><b>Release.</b> Close every client, best with try-with-resources. There is no
 * finalizer: a client that is never closed keeps its native memory and connections until
 * the process ends.
 */
public final class UContactClient implements AutoCloseable {
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final String domain;
    /** The native client; null once closed. Read under the read lock, cleared under the write lock. */
    private Pointer handle;

    private UContactClient(String domain, Pointer handle) {
        this.domain = domain;
        this.handle = handle;
    }

    /**
     * Starts a builder for a client of {@code domain}.
     *
     * @param domain the instance, in the forms of
     *     {@link UContact#getUserToken(String, String, char[])}: checked by
     *     {@link Builder#build()}
     * @return a builder with the defaults: connect timeout 10 s, total timeout 30 s, the
     *     system's trust roots, the proxy from the environment ({@code HTTPS_PROXY},
     *     {@code ALL_PROXY}, {@code NO_PROXY}), user agent {@code ucontact/VERSION}
     * @throws NullPointerException when {@code domain} is null
     */
    public static Builder builder(String domain) {
        return new Builder(Objects.requireNonNull(domain, "domain"));
    }

    /**
     * Logs in and returns the token, with this client's settings. Blocks for at most the
     * client's total timeout.
     *
     * @param user the user name, not empty
     * @param password the password, not empty; never copied into a message. This method
     *     does not clear the array; the byte copies it makes are wiped.
     * @return the token, a secret: later API calls send it as
     *     {@code Authorization: Basic <token>}
     * @throws NullPointerException when an argument is null
     * @throws IllegalStateException when the client is closed
     * @throws InvalidArgumentException for an empty user or password, a NUL character or
     *     an unpaired surrogate
     * @throws AuthRejectedException when the server refuses the user or password
     * @throws NetworkException when the server cannot be reached or its certificate is not
     *     trusted; {@link NetworkTimeoutException} when a timeout passes
     * @throws UContactException for any other failure, with its {@link UContactErrorCode}
     */
    public String getUserToken(String user, char[] password) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        lock.readLock().lock();
        try {
            Pointer client = openHandle();
            return Login.token(
                    (api, cUser, cPassword, out, len) ->
                            api.ucontact_client_get_user_token(client, cUser, cPassword, out, len),
                    user, password);
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * {@link #getUserToken(String, char[])} for a password held in a {@code String}. Prefer
     * the {@code char[]} form, whose array the caller can clear after use.
     *
     * @param user the user name, not empty
     * @param password the password, not empty
     * @return the token
     * @throws NullPointerException when an argument is null
     * @throws IllegalStateException when the client is closed
     * @throws UContactException or one of its subclasses, as for the {@code char[]} form
     */
    public String getUserToken(String user, String password) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        char[] chars = password.toCharArray();
        try {
            return getUserToken(user, chars);
        } finally {
            Arrays.fill(chars, '\0');
        }
    }

    /**
     * Whether {@link #close()} has run.
     *
     * @return true once the client is closed
     */
    public boolean isClosed() {
        lock.readLock().lock();
        try {
            return handle == null;
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Releases the native client and closes its connections. Waits for the logins in
     * progress on other threads to end first. Calling it again does nothing.
     */
    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            if (handle != null) {
                NativeLoader.api().ucontact_client_free(handle);
                handle = null;
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * A description for logs: the domain and whether the client is closed. No secret is
     * ever part of it.
     *
     * @return {@code UContactClient[domain=..., open|closed]}
     */
    @Override
    public String toString() {
        return "UContactClient[domain=" + domain + ", " + (isClosed() ? "closed" : "open") + "]";
    }

    /** The native handle; the caller holds the read lock. */
    private Pointer openHandle() {
        Pointer client = handle;
        if (client == null) {
            throw new IllegalStateException("this UContactClient is closed");
        }
        return client;
    }

    /**
     * Settings for a {@link UContactClient}. Each setter checks its argument at once; the
     * native library checks the rest in {@link #build()}. A builder is not thread-safe, and
     * may build several clients.
     */
    public static final class Builder {
        private static final long MAX_MILLIS = 0xFFFF_FFFFL;

        private final String domain;
        private long connectMillis = -1;
        private long totalMillis = -1;
        private Path caFile;
        private String proxy;
        private String userAgent;

        private Builder(String domain) {
            this.domain = domain;
        }

        /**
         * The time allowed to set up a connection, TCP and TLS (default 10 s). Counted in
         * whole milliseconds; it must be at least 1 ms and no longer than the total timeout.
         * When the total timeout is left unset, it becomes the longer of 30 s and this value.
         *
         * @param timeout the connect timeout
         * @return this builder
         * @throws NullPointerException when {@code timeout} is null
         * @throws InvalidArgumentException when it is below 1 ms or above 2^32 - 1 ms
         */
        public Builder connectTimeout(Duration timeout) {
            connectMillis = millis(timeout, "connectTimeout");
            return this;
        }

        /**
         * The time allowed for one whole login, from the call to the last byte of the reply
         * (default 30 s). Counted in whole milliseconds; at least 1 ms. When the connect
         * timeout is left unset, it becomes the shorter of 10 s and this value.
         *
         * @param timeout the total timeout
         * @return this builder
         * @throws NullPointerException when {@code timeout} is null
         * @throws InvalidArgumentException when it is below 1 ms or above 2^32 - 1 ms
         */
        public Builder totalTimeout(Duration timeout) {
            totalMillis = millis(timeout, "totalTimeout");
            return this;
        }

        /**
         * Trusts the certificates of a PEM file in addition to the system's roots, for an
         * on-premise server whose certificate comes from a private authority. Certificate
         * checks stay on; there is no way to turn them off. The file is read by
         * {@link #build()}.
         *
         * @param pemFile the PEM bundle; a relative path is resolved against the current
         *     directory ({@code user.dir})
         * @return this builder
         * @throws NullPointerException when {@code pemFile} is null
         */
        public Builder caFile(Path pemFile) {
            caFile = Objects.requireNonNull(pemFile, "pemFile").toAbsolutePath();
            return this;
        }

        /**
         * Sends the login through an HTTP proxy, tunnelled with CONNECT, loopback origins
         * included. Plain-HTTP origins never use a proxy.
         *
         * @param url {@code "http://host:port"} or {@code "https://host:port"}; the empty
         *     string means no proxy, as {@link #noProxy()}. Checked by {@link #build()}.
         * @return this builder
         * @throws NullPointerException when {@code url} is null
         */
        public Builder proxy(String url) {
            proxy = Objects.requireNonNull(url, "url");
            return this;
        }

        /**
         * Uses no proxy, whatever {@code HTTPS_PROXY} and {@code ALL_PROXY} say. Without this
         * or {@link #proxy(String)}, the proxy comes from those environment variables, except
         * for a loopback origin, which never uses it (it would reach its own loopback, not
         * this machine's).
         *
         * @return this builder
         */
        public Builder noProxy() {
            proxy = "";
            return this;
        }

        /**
         * The {@code User-Agent} header to send (default {@code ucontact/VERSION}).
         *
         * @param userAgent printable ASCII, not empty; checked by {@link #build()}
         * @return this builder
         * @throws NullPointerException when {@code userAgent} is null
         */
        public Builder userAgent(String userAgent) {
            this.userAgent = Objects.requireNonNull(userAgent, "userAgent");
            return this;
        }

        /**
         * Creates the client. Reads the CA file, if one is set; opens no connection yet.
         *
         * @return a new client, to be closed after use
         * @throws InvalidArgumentException when the domain is none of the accepted forms
         *     ({@link UContactErrorCode#INVALID_DOMAIN}), the connect timeout is longer than
         *     the total timeout or the user agent is not printable ASCII
         *     ({@link UContactErrorCode#INVALID_ARGUMENT}), the CA file is missing, unreadable
         *     or holds no certificate ({@link UContactErrorCode#CA_FILE}), the proxy URL
         *     cannot be used ({@link UContactErrorCode#INVALID_PROXY}), a string holds a NUL
         *     character ({@link UContactErrorCode#INVALID_ARGUMENT}) or an unpaired surrogate
         *     ({@link UContactErrorCode#INVALID_UTF8})
         * @throws UContactException for a bug in the native library
         *     ({@link UContactErrorCode#INTERNAL})
         * @throws UnsatisfiedLinkError when the native library cannot be loaded
         */
        public UContactClient build() {
            byte[] cDomain = CStrings.toC(domain, "domain");
            byte[] cCaFile = caFile == null ? null : CStrings.toC(caFile.toString(), "caFile");
            byte[] cProxy = proxy == null ? null : CStrings.toC(proxy, "proxy");
            byte[] cUserAgent = userAgent == null ? null : CStrings.toC(userAgent, "userAgent");
            NativeApi api = NativeLoader.api();

            Pointer client = api.ucontact_client_new(cDomain);
            if (client == null) {
                throw Failures.fromCode(api, api.ucontact_last_error_code());
            }

            boolean built = false;
            try {
                if (connectMillis >= 0 || totalMillis >= 0) {
                    long connect = connectMillis >= 0 ? connectMillis
                            : Math.min(NativeApi.DEFAULT_CONNECT_TIMEOUT_MS, totalMillis);
                    long total = totalMillis >= 0 ? totalMillis
                            : Math.max(NativeApi.DEFAULT_TOTAL_TIMEOUT_MS, connectMillis);
                    check(api, api.ucontact_client_set_timeouts(client, (int) connect, (int) total));
                }
                if (cCaFile != null) {
                    check(api, api.ucontact_client_set_ca_file(client, cCaFile));
                }
                if (cProxy != null) {
                    check(api, api.ucontact_client_set_proxy(client, cProxy));
                }
                if (cUserAgent != null) {
                    check(api, api.ucontact_client_set_user_agent(client, cUserAgent));
                }
                built = true;
                return new UContactClient(domain, client);
            } finally {
                if (!built) {
                    api.ucontact_client_free(client);
                }
            }
        }

        private static void check(NativeApi api, int code) {
            if (code != NativeApi.OK) {
                throw Failures.fromCode(api, code);
            }
        }

        private static long millis(Duration timeout, String name) {
            Objects.requireNonNull(timeout, name);
            long millis;
            try {
                millis = timeout.toMillis();
            } catch (ArithmeticException e) {
                millis = Long.MAX_VALUE;
            }
            if (millis < 1 || millis > MAX_MILLIS) {
                throw Failures.invalid(UContactErrorCode.INVALID_ARGUMENT,
                        name + " must be between 1 ms and " + MAX_MILLIS + " ms, not " + timeout);
            }
            return millis;
        }
    }
}
