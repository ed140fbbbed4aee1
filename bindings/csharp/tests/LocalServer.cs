using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;

namespace UContactSdk.Tests
{
    /// <summary>
    /// The repo's uContact server ($UCONTACT_SERVER_BIN) as a child process on loopback. Its
    /// stdin is a pipe and it runs with --exit-with-stdin, so it exits with this process even
    /// when the run is aborted.
    /// </summary>
    public sealed class LocalServer : IDisposable
    {
        public const string DemoToken = "ZGVtbzowYjZmMmM5ZS00ZDFhLTRmN2UtOWMzYi01YThkN2U2ZjFhMjA=";
        public const string SessionId = "0b6f2c9e-4d1a-4f7e-9c3b-5a8d7e6f1a20";

        // Not a timed assertion: how long to wait for a server that does not start before failing.
        private static readonly TimeSpan StartGuard = TimeSpan.FromSeconds(30);

        private readonly Process process;
        private readonly string tlsDirectory;

        private LocalServer(Process process, string tlsDirectory, Dictionary<string, object> line)
        {
            this.process = process;
            this.tlsDirectory = tlsDirectory;
            Url = (string)line["url"];
            Port = (int)(double)line["port"];
            CaFile = (string)line["ca_file"];
        }

        /// <summary>The origin to pass as the domain, e.g. http://127.0.0.1:PORT.</summary>
        public string Url { get; }

        public int Port { get; }

        /// <summary>The test CA's PEM file of a --tls server; null otherwise.</summary>
        public string CaFile { get; }

        /// <summary>Starts a plain-HTTP server with these extra options.</summary>
        public static LocalServer Start(params string[] options)
        {
            return Launch(null, options);
        }

        /// <summary>Starts an HTTPS server (--tls) that writes its CA to a new directory.</summary>
        public static LocalServer StartTls(params string[] options)
        {
            var directory = Path.Combine(Path.GetTempPath(), "ucontact-cs-" + Guid.NewGuid());
            Directory.CreateDirectory(directory);
            try
            {
                return Launch(directory, new[] { "--tls", directory }.Concat(options).ToArray());
            }
            catch
            {
                Directory.Delete(directory, true);
                throw;
            }
        }

        /// <summary>The token the server gives <paramref name="user"/> by default.</summary>
        public static string TokenOf(string user)
        {
            return Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + SessionId));
        }

        /// <summary>A loopback port on which nothing listens (it was free a moment ago).</summary>
        public static int ClosedPort()
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            return port;
        }

        /// <summary>Every login request the server received, as it decoded them.</summary>
        public List<Dictionary<string, object>> Requests()
        {
            if (CaFile != null)
            {
                throw new InvalidOperationException("only an HTTP server's record is read");
            }
            var request = (HttpWebRequest)WebRequest.Create(Url + "/__ucontact/requests");
            request.Proxy = null;
            using (var response = request.GetResponse())
            using (var reader = new StreamReader(response.GetResponseStream(), Encoding.UTF8))
            {
                return ((List<object>)Json.Parse(reader.ReadToEnd()))
                    .Cast<Dictionary<string, object>>().ToList();
            }
        }

        /// <summary>Waits until the server has received <paramref name="count"/> logins.</summary>
        public void AwaitRequests(int count)
        {
            var deadline = DateTime.UtcNow + StartGuard;
            while (Requests().Count < count)
            {
                if (DateTime.UtcNow > deadline)
                {
                    throw new AssertionException("the server never received request " + count);
                }
                Thread.Sleep(10);
            }
        }

        /// <summary>Form field <paramref name="name"/> of login <paramref name="index"/>.</summary>
        public string Field(int index, string name)
        {
            var fields = (Dictionary<string, object>)Requests()[index]["fields"];
            return (string)fields[name];
        }

        /// <summary>
        /// The Arguments string that Mono splits back into exactly <paramref name="arguments"/>.
        /// </summary>
        /// <remarks>
        /// Mono 6.8 has ProcessStartInfo.ArgumentList but ignores it, and splits Arguments with
        /// POSIX shell rules, so each argument is single-quoted (a quote inside it becomes
        /// '\''). The .NET runtime splits with Windows rules instead: these tests run on Mono.
        /// </remarks>
        public static string CommandLine(IEnumerable<string> arguments)
        {
            return string.Join(" ", arguments.Select(a => "'" + a.Replace("'", "'\\''") + "'"));
        }

        public void Dispose()
        {
            try
            {
                process.StandardInput.Close();
                if (!process.WaitForExit(10000))
                {
                    process.Kill();
                }
            }
            finally
            {
                process.Dispose();
                if (tlsDirectory != null)
                {
                    Directory.Delete(tlsDirectory, true);
                }
            }
        }

        private static LocalServer Launch(string tlsDirectory, string[] options)
        {
            var binary = Environment.GetEnvironmentVariable("UCONTACT_SERVER_BIN");
            if (string.IsNullOrEmpty(binary))
            {
                throw new InvalidOperationException(
                    "UCONTACT_SERVER_BIN is not set: run the tests through run-tests.sh or make");
            }

            var arguments = new[] { "--exit-with-stdin" }.Concat(options);
            var start = new ProcessStartInfo(binary, CommandLine(arguments))
            {
                UseShellExecute = false,
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                StandardOutputEncoding = Encoding.UTF8,
            };

            var process = Process.Start(start);
            var line = process.StandardOutput.ReadLineAsync();
            if (!line.Wait(StartGuard) || line.Result == null)
            {
                if (!process.HasExited)
                {
                    process.Kill();
                }
                throw new InvalidOperationException(
                    "the local server did not print its address: " + binary);
            }
            return new LocalServer(process, tlsDirectory,
                (Dictionary<string, object>)Json.Parse(line.Result));
        }
    }
}
