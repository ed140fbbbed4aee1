using System;
using System.Runtime.InteropServices;

namespace UContactSdk
{
    /// <summary>
    /// Owns a <c>ucontact_client *</c>. The runtime counts the P/Invoke calls using it, so a
    /// client disposed while a login is running is freed only when that login returns.
    /// </summary>
    internal sealed class ClientHandle : SafeHandle
    {
        // Made by the marshaller when ucontact_client_new returns.
        private ClientHandle() : base(IntPtr.Zero, true)
        {
        }

        /// <summary>True for NULL, which ucontact_client_new returns on failure.</summary>
        public override bool IsInvalid
        {
            get { return handle == IntPtr.Zero; }
        }

        protected override bool ReleaseHandle()
        {
            Native.ucontact_client_free(handle);
            return true;
        }
    }
}
