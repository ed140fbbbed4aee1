using System;
using System.Threading;

namespace UContactSdk
{
    /// <summary>
    /// A login client for one uContact origin, with its own timeouts, trusted CA file, proxy
    /// and user agent, and its own pool of connections. Dispose it when done.
    /// </summary>
    /// <remarks>
    /// <para>
    /// Defaults: 10 s to connect, 30 s for a whole login, the system's trust roots, the proxy
    /// from the environment (<c>HTTPS_PROXY</c>, <c>ALL_PROXY</c>, <c>NO_PROXY</c>), user agent
    /// <c>ucontact/VERSION</c>. Certificates are always verified.
    /// </para>
    /// <para>
    /// Thread safety: <see cref="GetUserToken"/> may run on many threads at once. A setter
    /// waits until the logins in progress have returned, and logins started meanwhile wait for
    /// the setter, because the native library forbids changing a client while it is in use.
    /// </para>
    /// </remarks>
    public sealed class UContactClient : IDisposable
    {
        private readonly ClientHandle handle;

        // Readers: logins. Writer: a setter. Never disposed, because a login on another thread
        // may still hold it when Dispose runs; the garbage collector reclaims it.
        private readonly ReaderWriterLockSlim settings = new ReaderWriterLockSlim();

        /// <summary>
        /// Creates a client for <paramref name="domain"/>. Opens no connection yet.
        /// </summary>
        /// <param name="domain">
        /// The forms of <see cref="UContact.GetUserToken"/>: an instance name such as
        /// <c>"acme"</c>, a host name with dots, or <c>"https://host[:port]"</c>
        /// (<c>"http://"</c> only for a loopback host).
        /// </param>
        /// <exception cref="ArgumentNullException"><paramref name="domain"/> is null.</exception>
        /// <exception cref="UContactArgumentException">
        /// <see cref="UContactErrorCode.InvalidDomain"/>: the domain is none of those forms;
        /// <see cref="UContactErrorCode.InvalidArgument"/> or
        /// <see cref="UContactErrorCode.InvalidUtf8"/>: it holds a NUL character or an unpaired
        /// surrogate.
        /// </exception>
        /// <exception cref="UContactException">
        /// <see cref="UContactErrorCode.Internal"/>: a bug in the native library.
        /// </exception>
        /// <exception cref="DllNotFoundException">The native library cannot be loaded.</exception>
        public UContactClient(string domain)
        {
            if (domain == null)
            {
                throw new ArgumentNullException(nameof(domain));
            }

            Loader.EnsureLoaded();
            var made = Native.ucontact_client_new(Utf8.ToNative(domain, "domain"));
            if (made.IsInvalid)
            {
                made.Dispose();
                throw Errors.FromLastError(Native.ucontact_last_error_code());
            }
            handle = made;
            Domain = domain;
        }

        /// <summary>The domain the client was created for, as given.</summary>
        public string Domain { get; }

        /// <summary>
        /// Sets the time allowed to set up a connection (TCP and TLS) and for one whole login,
        /// to the last byte of the reply. Fractions of a millisecond are rounded up.
        /// </summary>
        /// <param name="connectTimeout">
        /// At least 1 ms and no more than <paramref name="totalTimeout"/>.
        /// </param>
        /// <param name="totalTimeout">At least 1 ms.</param>
        /// <exception cref="ArgumentOutOfRangeException">
        /// A timeout is negative (there is no infinite timeout) or above
        /// <see cref="uint.MaxValue"/> milliseconds.
        /// </exception>
        /// <exception cref="UContactArgumentException">
        /// <see cref="UContactErrorCode.InvalidArgument"/>: a timeout is zero or the connect
        /// timeout is above the total. The settings are then unchanged.
        /// </exception>
        /// <exception cref="ObjectDisposedException">The client was disposed.</exception>
        public void SetTimeouts(TimeSpan connectTimeout, TimeSpan totalTimeout)
        {
            var connectMs = Milliseconds(connectTimeout, nameof(connectTimeout));
            var totalMs = Milliseconds(totalTimeout, nameof(totalTimeout));
            Change(() => Native.ucontact_client_set_timeouts(handle, connectMs, totalMs));
        }

        /// <summary>
        /// Trusts the certificates in a PEM file in addition to the system's roots, for an
        /// on-premise server whose certificate comes from a private authority. The file is read
        /// now. Certificate checks cannot be turned off.
        /// </summary>
        /// <param name="pemPath">The PEM file's path (relative to the current directory).</param>
        /// <exception cref="ArgumentNullException"><paramref name="pemPath"/> is null.</exception>
        /// <exception cref="UContactArgumentException">
        /// <see cref="UContactErrorCode.CaFile"/>: the file is missing, unreadable, not PEM or
        /// holds no usable certificate; the settings are then unchanged.
        /// </exception>
        /// <exception cref="ObjectDisposedException">The client was disposed.</exception>
        public void SetCaFile(string pemPath)
        {
            if (pemPath == null)
            {
                throw new ArgumentNullException(nameof(pemPath));
            }

            var path = Utf8.ToNative(pemPath, "pemPath");
            Change(() => Native.ucontact_client_set_ca_file(handle, path));
        }

        /// <summary>
        /// Chooses the proxy for HTTPS logins: null takes it from the environment
        /// (<c>HTTPS_PROXY</c>, <c>ALL_PROXY</c>, <c>NO_PROXY</c>; the default), <c>""</c> uses
        /// none, and <c>"http://host:port"</c> or <c>"https://host:port"</c> tunnels through
        /// that proxy with CONNECT. Loopback origins never use a proxy from the environment, and
        /// plain-HTTP ones never use any proxy.
        /// </summary>
        /// <param name="proxyUrl">Null, <c>""</c> or a proxy URL.</param>
        /// <exception cref="UContactArgumentException">
        /// <see cref="UContactErrorCode.InvalidProxy"/>: the URL is not of those forms; the
        /// settings are then unchanged.
        /// </exception>
        /// <exception cref="ObjectDisposedException">The client was disposed.</exception>
        public void SetProxy(string proxyUrl)
        {
            var url = proxyUrl == null ? null : Utf8.ToNative(proxyUrl, "proxyUrl");
            Change(() => Native.ucontact_client_set_proxy(handle, url));
        }

        /// <summary>
        /// Sets the <c>User-Agent</c> header sent (default <c>ucontact/VERSION</c>).
        /// </summary>
        /// <param name="userAgent">Printable ASCII; not empty.</param>
        /// <exception cref="ArgumentNullException">
        /// <paramref name="userAgent"/> is null.
        /// </exception>
        /// <exception cref="UContactArgumentException">
        /// <see cref="UContactErrorCode.InvalidArgument"/>: empty or not printable ASCII.
        /// </exception>
        /// <exception cref="ObjectDisposedException">The client was disposed.</exception>
        public void SetUserAgent(string userAgent)
        {
            if (userAgent == null)
            {
                throw new ArgumentNullException(nameof(userAgent));
            }

            var value = Utf8.ToNative(userAgent, "userAgent");
            Change(() => Native.ucontact_client_set_user_agent(handle, value));
        }

        /// <summary>
        /// Logs in as <paramref name="user"/> with this client's settings and returns the API
        /// token. Blocks for at most the total timeout. Safe to call from many threads at once.
        /// </summary>
        /// <param name="user">The user name; not empty.</param>
        /// <param name="password">The password, sent exactly as given; not empty.</param>
        /// <returns>The token.</returns>
        /// <exception cref="ArgumentNullException">An argument is null.</exception>
        /// <exception cref="UContactException">
        /// The failures of <see cref="UContact.GetUserToken"/>, with the same subclasses.
        /// </exception>
        /// <exception cref="ObjectDisposedException">The client was disposed.</exception>
        public string GetUserToken(string user, string password)
        {
            if (user == null)
            {
                throw new ArgumentNullException(nameof(user));
            }
            if (password == null)
            {
                throw new ArgumentNullException(nameof(password));
            }

            settings.EnterReadLock();
            try
            {
                ThrowIfDisposed();
                return UContact.Login(user, password, (u, p, token) =>
                    Native.ucontact_client_get_user_token(
                        handle, u, p, token, new UIntPtr((uint)token.Length)));
            }
            finally
            {
                settings.ExitReadLock();
            }
        }

        /// <summary>
        /// Releases the client and closes its connections; a login still running on another
        /// thread finishes first. Calling it again does nothing.
        /// </summary>
        public void Dispose()
        {
            handle.Dispose();
        }

        private void Change(Func<int> set)
        {
            settings.EnterWriteLock();
            try
            {
                ThrowIfDisposed();
                Errors.Check(set());
            }
            finally
            {
                settings.ExitWriteLock();
            }
        }

        private void ThrowIfDisposed()
        {
            if (handle.IsClosed)
            {
                throw new ObjectDisposedException(nameof(UContactClient));
            }
        }

        private static uint Milliseconds(TimeSpan timeout, string name)
        {
            if (timeout < TimeSpan.Zero)
            {
                throw new ArgumentOutOfRangeException(name, timeout,
                    "a timeout must not be negative; there is no infinite timeout");
            }

            var ms = timeout.Ticks / TimeSpan.TicksPerMillisecond
                + (timeout.Ticks % TimeSpan.TicksPerMillisecond == 0 ? 0 : 1);
            if (ms > uint.MaxValue)
            {
                throw new ArgumentOutOfRangeException(name, timeout,
                    "a timeout must be at most " + uint.MaxValue + " milliseconds");
            }
            return (uint)ms;
        }
    }
}
