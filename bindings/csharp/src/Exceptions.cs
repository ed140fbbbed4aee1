using System;

namespace UContactSdk
{
    /// <summary>
    /// A failure reported by the native library, or an argument it cannot accept. The base of
    /// every exception of this library except <see cref="ArgumentNullException"/>,
    /// <see cref="ArgumentOutOfRangeException"/> and <see cref="ObjectDisposedException"/>.
    /// </summary>
    /// <remarks>
    /// Thrown as this class itself for <see cref="UContactErrorCode.HttpStatus"/>,
    /// <see cref="UContactErrorCode.BadResponse"/>, <see cref="UContactErrorCode.BufferTooSmall"/>,
    /// <see cref="UContactErrorCode.Internal"/> and codes this version does not know; the other
    /// codes have a subclass. The message never holds the password or a token.
    /// </remarks>
    public class UContactException : Exception
    {
        /// <summary>Makes an exception with a code and the message that explains it.</summary>
        /// <param name="code">The native library's result code.</param>
        /// <param name="message">What failed, in words.</param>
        public UContactException(UContactErrorCode code, string message) : base(message)
        {
            Code = code;
        }

        /// <summary>
        /// The native library's result code: one of <see cref="UContactErrorCode"/>, or a
        /// newer code kept as its number.
        /// </summary>
        public UContactErrorCode Code { get; }
    }

    /// <summary>
    /// An argument was refused before any network work: empty, holding a NUL character or an
    /// unpaired surrogate, an invalid domain, timeouts, CA file, proxy URL or user agent.
    /// </summary>
    /// <remarks>
    /// Codes: <see cref="UContactErrorCode.InvalidArgument"/>,
    /// <see cref="UContactErrorCode.InvalidUtf8"/>, <see cref="UContactErrorCode.InvalidDomain"/>,
    /// <see cref="UContactErrorCode.CaFile"/>, <see cref="UContactErrorCode.InvalidProxy"/>.
    /// Retrying the same call fails the same way.
    /// </remarks>
    public sealed class UContactArgumentException : UContactException
    {
        /// <summary>Makes an exception with a code and the message that explains it.</summary>
        /// <param name="code">The native library's result code.</param>
        /// <param name="message">Which argument was refused and why.</param>
        public UContactArgumentException(UContactErrorCode code, string message)
            : base(code, message)
        {
        }
    }

    /// <summary>
    /// The server refused the login: the user or the password is wrong
    /// (<see cref="UContactErrorCode.AuthRejected"/>).
    /// </summary>
    public sealed class AuthRejectedException : UContactException
    {
        /// <summary>Makes an exception with a code and the message that explains it.</summary>
        /// <param name="code">The native library's result code.</param>
        /// <param name="message">What failed, in words.</param>
        public AuthRejectedException(UContactErrorCode code, string message) : base(code, message)
        {
        }
    }

    /// <summary>
    /// The server could not be reached or trusted: a failed connection
    /// (<see cref="UContactErrorCode.Connect"/>), a failed TLS handshake
    /// (<see cref="UContactErrorCode.Tls"/>) or a timeout (<see cref="UContactTimeoutException"/>).
    /// </summary>
    /// <remarks>
    /// A connection or timeout failure may pass on retry; a TLS failure rarely does.
    /// </remarks>
    public class UContactNetworkException : UContactException
    {
        /// <summary>Makes an exception with a code and the message that explains it.</summary>
        /// <param name="code">The native library's result code.</param>
        /// <param name="message">What failed, in words.</param>
        public UContactNetworkException(UContactErrorCode code, string message)
            : base(code, message)
        {
        }
    }

    /// <summary>
    /// The connect or total timeout passed (<see cref="UContactErrorCode.Timeout"/>).
    /// </summary>
    public sealed class UContactTimeoutException : UContactNetworkException
    {
        /// <summary>Makes an exception with a code and the message that explains it.</summary>
        /// <param name="code">The native library's result code.</param>
        /// <param name="message">What failed, in words.</param>
        public UContactTimeoutException(UContactErrorCode code, string message)
            : base(code, message)
        {
        }
    }
}
