using System;
using System.Runtime.InteropServices;
using System.Text;

namespace UContactSdk
{
    /// <summary>
    /// Strings to and from the NUL-terminated UTF-8 of the C ABI, by hand, so that no platform
    /// code page is ever involved.
    /// </summary>
    internal static class Utf8
    {
        // Throws instead of replacing: an unpaired surrogate must not become U+FFFD and log in
        // with a password the caller did not type.
        private static readonly UTF8Encoding Strict = new UTF8Encoding(false, true);

        /// <summary>
        /// <paramref name="value"/> as UTF-8 with a terminating NUL. <paramref name="name"/> is
        /// the argument's name for the message, which never holds the value.
        /// </summary>
        /// <exception cref="UContactArgumentException">
        /// <see cref="UContactErrorCode.InvalidArgument"/> for a NUL character, which would cut
        /// the C string short; <see cref="UContactErrorCode.InvalidUtf8"/> for an unpaired
        /// surrogate.
        /// </exception>
        internal static byte[] ToNative(string value, string name)
        {
            if (value.IndexOf('\0') >= 0)
            {
                throw new UContactArgumentException(UContactErrorCode.InvalidArgument,
                    name + " contains a NUL character, which a C string cannot carry");
            }

            int length;
            try
            {
                length = Strict.GetByteCount(value);
            }
            catch (EncoderFallbackException)
            {
                // Not chained: the encoder's message quotes the offending character.
                throw new UContactArgumentException(UContactErrorCode.InvalidUtf8,
                    name + " holds an unpaired UTF-16 surrogate, which has no UTF-8 form");
            }

            var bytes = new byte[length + 1];
            Strict.GetBytes(value, 0, value.Length, bytes, 0);
            return bytes;
        }

        /// <summary>The UTF-8 text in <paramref name="buffer"/> up to its first NUL.</summary>
        internal static string FromBuffer(byte[] buffer)
        {
            var end = Array.IndexOf(buffer, (byte)0);
            return Strict.GetString(buffer, 0, end < 0 ? buffer.Length : end);
        }

        /// <summary>
        /// The UTF-8 text of a static NUL-terminated string owned by the library, which is
        /// only read, never freed.
        /// </summary>
        internal static string FromStatic(IntPtr text)
        {
            var length = 0;
            while (Marshal.ReadByte(text, length) != 0)
            {
                length++;
            }

            var bytes = new byte[length];
            Marshal.Copy(text, bytes, 0, length);
            return Strict.GetString(bytes);
        }

        /// <summary>Overwrites a buffer that held a secret. Null is ignored.</summary>
        internal static void Wipe(byte[] secret)
        {
            if (secret != null)
            {
                Array.Clear(secret, 0, secret.Length);
            }
        }
    }
}
