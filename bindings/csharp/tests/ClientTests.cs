using System;
using System.IO;
using System.Linq;
using System.Threading;

namespace UContactSdk.Tests
{
    /// <summary>UContactClient: its settings, their refusals, and its lifetime.</summary>
    public class ClientTests
    {
        private const string Password = "s3cret-Pa55word";

        [Test]
        public void ReturnsTheExactToken()
        {
            using (var server = LocalServer.Start())
            using (var client = new UContactClient(server.Url))
            {
                Assert.Equal(LocalServer.DemoToken, client.GetUserToken("demo", "demo-password"),
                    "token");
                Assert.Equal(server.Url, client.Domain, "domain");
            }
        }

        [Test]
        public void TrustsATlsServerThroughItsCaFile()
        {
            using (var server = LocalServer.StartTls())
            using (var client = new UContactClient(server.Url))
            {
                client.SetCaFile(server.CaFile);

                Assert.Equal(LocalServer.DemoToken, client.GetUserToken("demo", "demo-password"),
                    "token");
            }
        }

        [Test]
        public void RefusesATlsServerWithoutItsCaFile()
        {
            using (var server = LocalServer.StartTls())
            using (var client = new UContactClient(server.Url))
            {
                var e = Assert.Throws<UContactNetworkException>(
                    () => client.GetUserToken("demo", Password));

                Assert.Equal(UContactErrorCode.Tls, e.Code, "code");
            }
        }

        [Test]
        public void ProxyOnAClosedPortThrowsConnect()
        {
            using (var server = LocalServer.StartTls())
            using (var client = new UContactClient(server.Url))
            {
                client.SetCaFile(server.CaFile);
                client.SetProxy("http://127.0.0.1:" + LocalServer.ClosedPort());

                var e = Assert.Throws<UContactNetworkException>(
                    () => client.GetUserToken("demo", Password));

                Assert.Equal(UContactErrorCode.Connect, e.Code, "code");
                Assert.NoSecret(e, Password);
            }
        }

        [Test]
        public void EmptyProxyMeansNoProxy()
        {
            using (var server = LocalServer.StartTls())
            using (var client = new UContactClient(server.Url))
            {
                client.SetCaFile(server.CaFile);
                client.SetProxy("http://127.0.0.1:" + LocalServer.ClosedPort());
                client.SetProxy("");

                Assert.Equal(LocalServer.DemoToken, client.GetUserToken("demo", "demo-password"),
                    "token");
            }
        }

        [Test]
        public void NullProxyUndoesAnExplicitProxy()
        {
            using (var server = LocalServer.StartTls())
            using (var client = new UContactClient(server.Url))
            {
                client.SetCaFile(server.CaFile);
                client.SetProxy("http://127.0.0.1:" + LocalServer.ClosedPort());
                // Back to the environment's proxy, which a loopback origin never uses.
                client.SetProxy(null);

                Assert.Equal(LocalServer.DemoToken, client.GetUserToken("demo", "demo-password"),
                    "token");
            }
        }

        [Test]
        public void InvalidProxyUrlThrowsInvalidProxy()
        {
            using (var client = new UContactClient("http://127.0.0.1:1"))
            {
                var e = Assert.Throws<UContactArgumentException>(
                    () => client.SetProxy("socks9://nowhere"));

                Assert.Equal(UContactErrorCode.InvalidProxy, e.Code, "code");
            }
        }

        [Test]
        public void SendsTheUserAgentSet()
        {
            using (var server = LocalServer.Start())
            using (var client = new UContactClient(server.Url))
            {
                client.SetUserAgent("acme-crm/2.1 (+ops@example.com)");

                client.GetUserToken("demo", "demo-password");

                Assert.Equal("acme-crm/2.1 (+ops@example.com)",
                    (string)server.Requests().Single()["user_agent"], "user agent");
            }
        }

        [Test]
        public void RefusesEmptyAndNonAsciiUserAgents()
        {
            using (var client = new UContactClient("http://127.0.0.1:1"))
            {
                var empty = Assert.Throws<UContactArgumentException>(() => client.SetUserAgent(""));
                var accented = Assert.Throws<UContactArgumentException>(
                    () => client.SetUserAgent("café/1.0"));

                Assert.Equal(UContactErrorCode.InvalidArgument, empty.Code, "empty");
                Assert.Equal(UContactErrorCode.InvalidArgument, accented.Code, "non-ASCII");
                Assert.Equal("userAgent", Assert.Throws<ArgumentNullException>(
                    () => client.SetUserAgent(null)).ParamName, "parameter");
            }
        }

        [Test]
        public void MissingCaFileThrowsCaFileAtTheCall()
        {
            using (var client = new UContactClient("http://127.0.0.1:1"))
            {
                var path = Path.Combine(Path.GetTempPath(), "no-such-" + Guid.NewGuid() + ".pem");

                var e = Assert.Throws<UContactArgumentException>(() => client.SetCaFile(path));

                Assert.Equal(UContactErrorCode.CaFile, e.Code, "code");
                Assert.Equal("pemPath", Assert.Throws<ArgumentNullException>(
                    () => client.SetCaFile(null)).ParamName, "parameter");
            }
        }

        [Test]
        public void FileWithoutCertificatesThrowsCaFile()
        {
            var path = Path.GetTempFileName();
            try
            {
                File.WriteAllText(path, "not a certificate\n");
                using (var client = new UContactClient("http://127.0.0.1:1"))
                {
                    var e = Assert.Throws<UContactArgumentException>(() => client.SetCaFile(path));

                    Assert.Equal(UContactErrorCode.CaFile, e.Code, "code");
                }
            }
            finally
            {
                File.Delete(path);
            }
        }

        [Test]
        public void RefusesTimeoutsTheLibraryCannotUse()
        {
            using (var client = new UContactClient("http://127.0.0.1:1"))
            {
                var zero = Assert.Throws<UContactArgumentException>(
                    () => client.SetTimeouts(TimeSpan.Zero, TimeSpan.FromSeconds(1)));
                var inverted = Assert.Throws<UContactArgumentException>(
                    () => client.SetTimeouts(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1)));
                var negative = Assert.Throws<ArgumentOutOfRangeException>(
                    () => client.SetTimeouts(TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan));
                var huge = Assert.Throws<ArgumentOutOfRangeException>(
                    () => client.SetTimeouts(TimeSpan.FromDays(50), TimeSpan.FromDays(50)));

                Assert.Equal(UContactErrorCode.InvalidArgument, zero.Code, "zero");
                Assert.Equal(UContactErrorCode.InvalidArgument, inverted.Code, "connect > total");
                Assert.Equal("totalTimeout", negative.ParamName, "negative");
                Assert.Equal("connectTimeout", huge.ParamName, "above uint.MaxValue ms");
            }
        }

        [Test]
        public void RoundsAFractionOfAMillisecondUp()
        {
            using (var server = LocalServer.Start())
            using (var client = new UContactClient(server.Url))
            {
                // 0.5 ms truncated would be 0, which the library refuses.
                var half = TimeSpan.FromTicks(TimeSpan.TicksPerMillisecond / 2);
                client.SetTimeouts(half, TimeSpan.FromSeconds(30));
            }
        }

        [Test]
        public void InvalidDomainThrowsInvalidDomain()
        {
            var e = Assert.Throws<UContactArgumentException>(
                () => new UContactClient("https://evil.example/path"));

            Assert.Equal(UContactErrorCode.InvalidDomain, e.Code, "code");
            Assert.True(e.Message.Length > 0, "the message is not empty");
            Assert.Equal("domain", Assert.Throws<ArgumentNullException>(
                () => new UContactClient(null)).ParamName, "parameter");
        }

        [Test]
        public void NullCredentialsThrowArgumentNullException()
        {
            using (var client = new UContactClient("http://127.0.0.1:1"))
            {
                Assert.Equal("user", Assert.Throws<ArgumentNullException>(
                    () => client.GetUserToken(null, Password)).ParamName, "parameter");
                Assert.Equal("password", Assert.Throws<ArgumentNullException>(
                    () => client.GetUserToken("demo", null)).ParamName, "parameter");
            }
        }

        [Test]
        public void EmptyCredentialsThrowInvalidArgument()
        {
            using (var server = LocalServer.Start())
            using (var client = new UContactClient(server.Url))
            {
                var user = Assert.Throws<UContactArgumentException>(
                    () => client.GetUserToken("", Password));
                var password = Assert.Throws<UContactArgumentException>(
                    () => client.GetUserToken("demo", ""));

                Assert.Equal(UContactErrorCode.InvalidArgument, user.Code, "empty user");
                Assert.Equal(UContactErrorCode.InvalidArgument, password.Code, "empty password");
                Assert.Equal(0, server.Requests().Count, "requests received");
            }
        }

        [Test]
        public void WrongPasswordThrowsAuthRejected()
        {
            using (var server = LocalServer.Start())
            using (var client = new UContactClient(server.Url))
            {
                var e = Assert.Throws<AuthRejectedException>(
                    () => client.GetUserToken("demo", Password));

                Assert.Equal(UContactErrorCode.AuthRejected, e.Code, "code");
                Assert.NoSecret(e, Password);
            }
        }

        [Test]
        public void DisposedClientThrowsObjectDisposedException()
        {
            var client = new UContactClient("http://127.0.0.1:1");
            client.Dispose();
            client.Dispose();

            Assert.Throws<ObjectDisposedException>(() => client.GetUserToken("demo", Password));
            Assert.Throws<ObjectDisposedException>(() => client.SetProxy(""));
            Assert.Throws<ObjectDisposedException>(
                () => client.SetTimeouts(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)));
        }

        [Test]
        public void DisposeDuringALoginLetsItFinish()
        {
            using (var server = LocalServer.Start("--fault", "delay:500"))
            {
                var client = new UContactClient(server.Url);
                string token = null;
                Exception failure = null;
                var login = new Thread(() =>
                {
                    try
                    {
                        token = client.GetUserToken("demo", "demo-password");
                    }
                    catch (Exception e)
                    {
                        failure = e;
                    }
                });
                login.Start();
                server.AwaitRequests(1);

                client.Dispose();
                login.Join();

                Assert.Equal(null, failure, "exception of the login in progress");
                Assert.Equal(LocalServer.DemoToken, token, "token");
                Assert.Throws<ObjectDisposedException>(() => client.GetUserToken("demo", Password));
            }
        }
    }
}
