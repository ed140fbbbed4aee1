using System;

namespace UContactSdk
{
    /// <summary>Turns native result codes into exceptions.</summary>
    internal static class Errors
    {
        /// <summary>
        /// Throws the exception for <paramref name="code"/> unless it is UCONTACT_OK. Must run
        /// on the thread that made the failing call, right after it: the message is per thread.
        /// </summary>
        internal static void Check(int code)
        {
            if (code != (int)UContactErrorCode.Ok)
            {
                throw FromLastError(code);
            }
        }

        /// <summary>
        /// The exception for <paramref name="code"/>, with this thread's last error message, or
        /// the code's description when the library left none.
        /// </summary>
        internal static UContactException FromLastError(int code)
        {
            var message = LastErrorMessage();
            if (message.Length == 0)
            {
                message = Describe(code);
            }
            return Create((UContactErrorCode)code, message);
        }

        /// <summary>The exception class a caller catches for <paramref name="code"/>.</summary>
        internal static UContactException Create(UContactErrorCode code, string message)
        {
            switch (code)
            {
                case UContactErrorCode.InvalidArgument:
                case UContactErrorCode.InvalidUtf8:
                case UContactErrorCode.InvalidDomain:
                case UContactErrorCode.CaFile:
                case UContactErrorCode.InvalidProxy:
                    return new UContactArgumentException(code, message);
                case UContactErrorCode.AuthRejected:
                    return new AuthRejectedException(code, message);
                case UContactErrorCode.Timeout:
                    return new UContactTimeoutException(code, message);
                case UContactErrorCode.Connect:
                case UContactErrorCode.Tls:
                    return new UContactNetworkException(code, message);
                default:
                    return new UContactException(code, message);
            }
        }

        /// <summary>The library's static description of a code (ucontact_strerror).</summary>
        internal static string Describe(int code)
        {
            return Utf8.FromStatic(Native.ucontact_strerror(code));
        }

        /// <summary>
        /// This thread's last failure in words (ucontact_last_error_message), whole: the call
        /// returns the full length, so a cut message is asked for again with a larger buffer.
        /// </summary>
        internal static string LastErrorMessage()
        {
            var buffer = new byte[ErrorBufferSize];
            var length = Native.ucontact_last_error_message(
                buffer, new UIntPtr((uint)buffer.Length)).ToUInt64();
            if (length >= (ulong)buffer.Length)
            {
                buffer = new byte[checked((int)length + 1)];
                Native.ucontact_last_error_message(buffer, new UIntPtr((uint)buffer.Length));
            }
            return Utf8.FromBuffer(buffer);
        }

        /// <summary>UCONTACT_ERROR_BUFFER_SIZE: holds any message whole.</summary>
        internal const int ErrorBufferSize = 512;
    }
}
