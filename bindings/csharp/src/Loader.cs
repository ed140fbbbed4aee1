using System;
using System.IO;

namespace UContactSdk
{
    /// <summary>
    /// Finds out, at the first call, whether the native library loads, so that a missing one
    /// fails with a message that says where it was looked for and how to provide it.
    /// </summary>
    internal static class Loader
    {
        private static volatile bool loaded;

        /// <summary>Returns when the native library is loaded, throws otherwise.</summary>
        /// <exception cref="DllNotFoundException">The library cannot be loaded.</exception>
        internal static void EnsureLoaded()
        {
            if (loaded)
            {
                return;
            }

            try
            {
                Native.ucontact_version();
            }
            catch (DllNotFoundException e)
            {
                throw new DllNotFoundException(Explain("could not be loaded"), e);
            }
            catch (EntryPointNotFoundException e)
            {
                throw new DllNotFoundException(
                    Explain("was found but lacks ucontact_version, so it is not this library"), e);
            }
            loaded = true;
        }

        private static string Explain(string what)
        {
            var directory = Path.GetDirectoryName(typeof(Loader).Assembly.Location);
            return "UContactSdk: the native library \"" + Native.Library + "\" (libucontact.so on "
                + "Linux, libucontact.dylib on macOS, ucontact.dll on Windows) " + what + ". "
                + "The runtime looked in the directory of UContactSdk.dll (" + directory + "), in "
                + "runtimes/<rid>/native/ of the UContactSdk package (.NET), and in the system's "
                + "search path (LD_LIBRARY_PATH=" + Variable("LD_LIBRARY_PATH")
                + ", DYLD_LIBRARY_PATH=" + Variable("DYLD_LIBRARY_PATH") + ", or PATH on "
                + "Windows). With Mono, add the directory holding libucontact.so to "
                + "LD_LIBRARY_PATH or map the library in UContactSdk.dll.config.";
        }

        private static string Variable(string name)
        {
            var value = Environment.GetEnvironmentVariable(name);
            return value == null ? "(unset)" : "\"" + value + "\"";
        }
    }
}
