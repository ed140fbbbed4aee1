using System;
using System.Diagnostics;
using System.IO;

namespace UContactSdk.Tests
{
    /// <summary>The README's example, built by run-tests.sh as GetToken.exe.</summary>
    public class ExampleTests
    {
        private sealed class Outcome
        {
            public int Exit;
            public string Output;
            public string Errors;
        }

        private static Outcome RunExample(string domain, string user, string password)
        {
            var build = Path.GetDirectoryName(typeof(ExampleTests).Assembly.Location);
            var example = Path.Combine(build, "GetToken.exe");
            var mono = Process.GetCurrentProcess().MainModule.FileName;
            var start = new ProcessStartInfo(mono,
                LocalServer.CommandLine(new[] { example, domain, user }))
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            start.EnvironmentVariables["UCONTACT_PASSWORD"] = password;

            using (var child = Process.Start(start))
            {
                var errors = child.StandardError.ReadToEndAsync();
                var outcome = new Outcome { Output = child.StandardOutput.ReadToEnd() };
                child.WaitForExit();
                outcome.Errors = errors.Result;
                outcome.Exit = child.ExitCode;
                return outcome;
            }
        }

        [Test]
        public void ExamplePrintsTheToken()
        {
            using (var server = LocalServer.Start())
            {
                var outcome = RunExample(server.Url, "demo", "demo-password");

                Assert.Equal(0, outcome.Exit, "exit code (stderr: " + outcome.Errors + ")");
                Assert.Equal(LocalServer.DemoToken + Environment.NewLine, outcome.Output, "output");
            }
        }

        [Test]
        public void ExampleReportsARejectedLogin()
        {
            using (var server = LocalServer.Start())
            {
                var outcome = RunExample(server.Url, "demo", "not-the-password");

                Assert.Equal(1, outcome.Exit, "exit code");
                Assert.Equal("", outcome.Output, "output");
                Assert.Equal("wrong user name or password" + Environment.NewLine, outcome.Errors,
                    "errors");
            }
        }

        [Test]
        public void ExampleReportsAnUnreachableServerWithItsCode()
        {
            var outcome = RunExample("http://127.0.0.1:" + LocalServer.ClosedPort(), "demo", "x");

            Assert.Equal(1, outcome.Exit, "exit code");
            Assert.Contains("cannot reach uContact (Connect): ", outcome.Errors, "errors");
        }
    }
}
