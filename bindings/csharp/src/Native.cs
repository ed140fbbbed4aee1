using System;
using System.Runtime.InteropServices;

namespace UContactSdk
{
    /// <summary>
    /// Every function of include/ucontact.h, declared once.
    /// </summary>
    /// <remarks>
    /// Strings cross as NUL-terminated UTF-8 in <c>byte[]</c> (see <see cref="Utf8"/>), never as
    /// <c>string</c> or <c>StringBuilder</c>: the default marshalling is the system code page on
    /// Windows, which is not UTF-8, while Mono on Linux happens to use UTF-8 and would hide the
    /// mistake. The static strings of <c>ucontact_strerror</c> and <c>ucontact_version</c> come
    /// back as <see cref="IntPtr"/> and are decoded by hand, because the marshaller would try to
    /// free them. <c>size_t</c> is <see cref="UIntPtr"/>. A test fails if any declaration here
    /// takes or returns a string type, or if this list and the header's drift apart.
    /// </remarks>
    internal static class Native
    {
        /// <summary>
        /// The library name as the runtime resolves it: libucontact.so on Linux,
        /// libucontact.dylib on macOS, ucontact.dll on Windows.
        /// </summary>
        internal const string Library = "ucontact";

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int ucontact_get_user_token(
            [In] byte[] domain, [In] byte[] user, [In] byte[] password,
            [In, Out] byte[] outBuf, UIntPtr len);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        internal static extern ClientHandle ucontact_client_new([In] byte[] domain);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        internal static extern void ucontact_client_free(IntPtr client);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int ucontact_client_set_timeouts(
            ClientHandle client, uint connectMs, uint totalMs);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int ucontact_client_set_ca_file(
            ClientHandle client, [In] byte[] pemPath);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int ucontact_client_set_proxy(ClientHandle client, [In] byte[] url);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int ucontact_client_set_user_agent(
            ClientHandle client, [In] byte[] userAgent);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int ucontact_client_get_user_token(
            ClientHandle client, [In] byte[] user, [In] byte[] password,
            [In, Out] byte[] outBuf, UIntPtr len);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int ucontact_last_error_code();

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        internal static extern IntPtr ucontact_strerror(int code);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        internal static extern UIntPtr ucontact_last_error_message(
            [In, Out] byte[] buf, UIntPtr len);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        internal static extern IntPtr ucontact_version();
    }
}
