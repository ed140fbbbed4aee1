namespace UContactSdk
{
    /// <summary>
    /// The result codes of the native library, with the values of the <c>UCONTACT_OK</c> and
    /// <c>UCONTACT_ERR_*</c> constants in ucontact.h. The values never change between releases.
    /// </summary>
    /// <remarks>
    /// A newer native library may return a code this enum does not name yet;
    /// <see cref="UContactException.Code"/> then holds that number as it is.
    /// </remarks>
    public enum UContactErrorCode
    {
        /// <summary>Success. Never the code of an exception.</summary>
        Ok = 0,

        /// <summary>
        /// An argument was refused: an empty user or password, a NUL character in a string,
        /// a timeout of zero or a connect timeout above the total one, an empty or non-ASCII
        /// user agent.
        /// </summary>
        InvalidArgument = 101,

        /// <summary>
        /// A string has no UTF-8 form (in .NET: it holds an unpaired surrogate).
        /// </summary>
        InvalidUtf8 = 102,

        /// <summary>
        /// The domain is none of the accepted forms. Nothing was sent: no DNS look-up, no
        /// connection.
        /// </summary>
        InvalidDomain = 103,

        /// <summary>
        /// The token did not fit the out-buffer. The binding's buffer always fits, so this
        /// means a bug.
        /// </summary>
        BufferTooSmall = 104,

        /// <summary>
        /// The CA file given to <see cref="UContactClient.SetCaFile"/> is missing, unreadable
        /// or holds no certificate.
        /// </summary>
        CaFile = 105,

        /// <summary>
        /// The proxy URL given to <see cref="UContactClient.SetProxy"/> cannot be used.
        /// </summary>
        InvalidProxy = 106,

        /// <summary>
        /// The connection failed: DNS look-up, refused, reset or dropped before the reply
        /// ended.
        /// </summary>
        Connect = 201,

        /// <summary>The connect or total timeout passed.</summary>
        Timeout = 202,

        /// <summary>
        /// The TLS handshake failed: an untrusted, expired or mismatched certificate, or no
        /// common protocol.
        /// </summary>
        Tls = 203,

        /// <summary>The server refused the login: wrong user or password.</summary>
        AuthRejected = 301,

        /// <summary>
        /// The server answered an HTTP status other than 2xx (a redirect that the library does
        /// not follow included).
        /// </summary>
        HttpStatus = 302,

        /// <summary>
        /// The reply was not a token reply, its token was not token68 text, or it was too large.
        /// </summary>
        BadResponse = 401,

        /// <summary>A bug in the native library, caught at its boundary.</summary>
        Internal = 901,
    }
}
