using System;

namespace UContactSdk
{
    /// <summary>
    /// Logs in to a uContact instance and returns its API token, through the native ucontact
    /// library. For your own timeouts, CA file, proxy or user agent, use
    /// <see cref="UContactClient"/>.
    /// </summary>
    public static class UContact
    {
        /// <summary>
        /// The native library's version, <c>"MAJOR.MINOR.PATCH"</c>, as ucontact_version
        /// returns it.
        /// </summary>
        /// <exception cref="DllNotFoundException">The native library cannot be loaded.</exception>
        public static string Version
        {
            get
            {
                Loader.EnsureLoaded();
                return Utf8.FromStatic(Native.ucontact_version());
            }
        }

        /// <summary>
        /// Logs in as <paramref name="user"/> and returns the API token, which later API calls
        /// send as <c>Authorization: Basic &lt;token&gt;</c>. Treat it as a secret.
        /// </summary>
        /// <remarks>
        /// Sends <c>POST /Integra/resources/auth/getUserToken</c> over HTTPS, reusing the
        /// connections of earlier calls, with the default timeouts: 10 s to connect, 30 s for
        /// the whole login. Blocks the calling thread until then. Safe to call from many threads
        /// at once.
        /// </remarks>
        /// <param name="domain">
        /// An instance name such as <c>"acme"</c> (for https://acme.ucontactcloud.com), a host
        /// name with dots for an on-premise server, or an origin <c>"https://host[:port]"</c>;
        /// <c>"http://"</c> only for a loopback host.
        /// </param>
        /// <param name="user">The user name; not empty.</param>
        /// <param name="password">The password, sent exactly as given; not empty.</param>
        /// <returns>The token.</returns>
        /// <exception cref="ArgumentNullException">An argument is null.</exception>
        /// <exception cref="UContactArgumentException">
        /// An argument is empty, holds a NUL character or an unpaired surrogate, or the domain
        /// is none of the forms above; nothing was sent.
        /// </exception>
        /// <exception cref="AuthRejectedException">Wrong user or password.</exception>
        /// <exception cref="UContactNetworkException">
        /// The connection or the TLS handshake failed, or (as
        /// <see cref="UContactTimeoutException"/>) a timeout passed.
        /// </exception>
        /// <exception cref="UContactException">
        /// Another failure: an HTTP status other than 2xx, a reply that is not a token reply, a
        /// bug in the library. <see cref="UContactException.Code"/> tells which.
        /// </exception>
        /// <exception cref="DllNotFoundException">The native library cannot be loaded.</exception>
        public static string GetUserToken(string domain, string user, string password)
        {
            if (domain == null)
            {
                throw new ArgumentNullException(nameof(domain));
            }
            if (user == null)
            {
                throw new ArgumentNullException(nameof(user));
            }
            if (password == null)
            {
                throw new ArgumentNullException(nameof(password));
            }

            Loader.EnsureLoaded();
            var nativeDomain = Utf8.ToNative(domain, "domain");
            return Login(user, password, (u, p, token) => Native.ucontact_get_user_token(
                nativeDomain, u, p, token, new UIntPtr((uint)token.Length)));
        }

        /// <summary>
        /// Runs one native login: encodes the credentials, calls <paramref name="login"/> with
        /// them and a token buffer, and wipes the password and token bytes afterwards.
        /// </summary>
        internal static string Login(
            string user, string password, Func<byte[], byte[], byte[], int> login)
        {
            var nativeUser = Utf8.ToNative(user, "user");
            byte[] nativePassword = null;
            var token = new byte[TokenBufferSize];
            try
            {
                nativePassword = Utf8.ToNative(password, "password");
                Errors.Check(login(nativeUser, nativePassword, token));
                return Utf8.FromBuffer(token);
            }
            finally
            {
                Utf8.Wipe(nativePassword);
                Utf8.Wipe(token);
            }
        }

        /// <summary>UCONTACT_TOKEN_BUFFER_SIZE: always holds a token and its NUL.</summary>
        internal const int TokenBufferSize = 1024;
    }
}
