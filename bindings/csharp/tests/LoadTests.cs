using System;
using System.Diagnostics;

namespace UContactSdk.Tests
{
    /// <summary>A missing native library fails loudly, saying where it was looked for.</summary>
    public class LoadTests
    {
        internal const string ProbeFlag = "--probe-missing-library";

        /// <summary>The child's side: touch the library and print what happened.</summary>
        internal static int Probe()
        {
            try
            {
                Console.WriteLine("loaded version " + UContact.Version);
                return 2;
            }
            catch (DllNotFoundException e)
            {
                Console.WriteLine(e.Message);
                return 0;
            }
        }

        [Test]
        public void MissingLibraryThrowsDllNotFoundExceptionNamingTheSearchPath()
        {
            var mono = Process.GetCurrentProcess().MainModule.FileName;
            var arguments = new[] { typeof(LoadTests).Assembly.Location, ProbeFlag };
            var start = new ProcessStartInfo(mono, LocalServer.CommandLine(arguments))
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
            };
            start.EnvironmentVariables.Remove("LD_LIBRARY_PATH");
            start.EnvironmentVariables.Remove("MONO_CONFIG");

            string output;
            int exit;
            using (var child = Process.Start(start))
            {
                output = child.StandardOutput.ReadToEnd();
                child.WaitForExit();
                exit = child.ExitCode;
            }

            Assert.Equal(0, exit, "the child's exit code (2: it found a libucontact installed "
                + "on this machine's system path, which this test needs absent); its output: "
                + output);
            Assert.Contains("libucontact.so", output, "the message names the file");
            Assert.Contains("LD_LIBRARY_PATH=(unset)", output, "the message shows the search path");
        }
    }
}
