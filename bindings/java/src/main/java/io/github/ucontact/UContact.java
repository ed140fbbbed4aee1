package io.github.ucontact;

/**
 * Logs in to a uContact instance and returns its API token, through the native ucontact
 * library.
 *
 * <pre>{@code
 * char[] password = readPassword();
 * String token = UContact.getUserToken("acme", "apiuser", password);
 * // later API calls send the header "Authorization: Basic " + token
 * }</pre>
 *
 * <p>Every method is thread-safe and may be called from many threads at once; the static
 * logins share one native client (default timeouts: 10 s to connect, 30 s in all). For
 * other timeouts, a private CA, a proxy or a user agent, use {@link UContactClient}.
 *
 * <p>Strings cross to the library as UTF-8 whatever the platform's default encoding is.
 * A {@code null} argument throws {@link NullPointerException} whose message is the
 * argument's name; every other refused argument throws {@link InvalidArgumentException}.
 *
 * <p>The native library is loaded on first use (see the README's "Library loading"); when
 * that fails, each call throws {@link UnsatisfiedLinkError} naming the places tried.
 */
public final class UContact {
    private UContact() {
    }

    /**
     * Logs in and returns the token. Blocks until the reply is read, for at most the default
     * total timeout (30 s).
     *
     * @param domain the instance: an instance name such as {@code "acme"} (for
     *     {@code https://acme.ucontactcloud.com}), a host name with dots such as
     *     {@code "uc.example.com"}, or an origin {@code "https://host[:port]"};
     *     {@code "http://"} only for loopback hosts
     * @param user the user name, not empty
     * @param password the password, not empty; sent as given and never copied into a
     *     message. This method does not clear the array; the byte copies it makes are wiped.
     * @return the token, a secret: later API calls send it as
     *     {@code Authorization: Basic <token>}
     * @throws NullPointerException when an argument is null
     * @throws InvalidArgumentException for an empty user or password, a NUL character or
     *     an unpaired surrogate, or a domain of none of the accepted forms (nothing is sent)
     * @throws AuthRejectedException when the server refuses the user or password
     * @throws NetworkException when the server cannot be reached or its certificate is not
     *     trusted; {@link NetworkTimeoutException} when a timeout passes
     * @throws UContactException for any other failure (an HTTP error status, a reply that
     *     is not a token, a bug in the library), with its {@link UContactErrorCode}
     * @throws UnsatisfiedLinkError when the native library cannot be loaded
     */
    public static String getUserToken(String domain, String user, char[] password) {
        byte[] cDomain = CStrings.toC(domain, "domain");
        return Login.token(
                (api, cUser, cPassword, out, len) ->
                        api.ucontact_get_user_token(cDomain, cUser, cPassword, out, len),
                user, password);
    }

    /**
     * {@link #getUserToken(String, String, char[])} for a password held in a {@code String}.
     * Prefer the {@code char[]} form, whose array the caller can clear after use: a
     * {@code String} stays in memory until the garbage collector reclaims it.
     *
     * @param domain the instance, as for {@link #getUserToken(String, String, char[])}
     * @param user the user name, not empty
     * @param password the password, not empty
     * @return the token
     * @throws NullPointerException when an argument is null
     * @throws UContactException or one of its subclasses, as for the {@code char[]} form
     * @throws UnsatisfiedLinkError when the native library cannot be loaded
     */
    public static String getUserToken(String domain, String user, String password) {
        byte[] cDomain = CStrings.toC(domain, "domain");
        return Login.token(
                (api, cUser, cPassword, out, len) ->
                        api.ucontact_get_user_token(cDomain, cUser, cPassword, out, len),
                user, password);
    }

    /**
     * The version of the loaded native library, {@code "MAJOR.MINOR.PATCH"}.
     *
     * @return the version the native library reports
     * @throws UnsatisfiedLinkError when the native library cannot be loaded
     */
    public static String version() {
        return CStrings.fromC(NativeLoader.api().ucontact_version());
    }
}
