using System;
using System.Linq;

namespace UContactSdk.Tests
{
    /// <summary>Each failure is the documented exception, with its code and no secret.</summary>
    public class ErrorTests
    {
        private const string Password = "s3cret-Pa55word";

        // Refused by the library before any network work: the only non-local domain a test
        // may pass, in case a check under test lets the call through.
        private const string Refused = "https://evil.example/path";

        [Test]
        public void WrongPasswordThrowsAuthRejected()
        {
            using (var server = LocalServer.Start())
            {
                var e = Assert.Throws<AuthRejectedException>(
                    () => UContact.GetUserToken(server.Url, "demo", Password));

                Assert.Equal(UContactErrorCode.AuthRejected, e.Code, "code");
                Assert.True(e.Message.Length > 0, "the message is not empty");
                Assert.NoSecret(e, Password);
            }
        }

        [Test]
        public void UnknownUserThrowsAuthRejected()
        {
            using (var server = LocalServer.Start())
            {
                var e = Assert.Throws<AuthRejectedException>(
                    () => UContact.GetUserToken(server.Url, "nobody", "demo-password"));

                Assert.Equal(UContactErrorCode.AuthRejected, e.Code, "code");
            }
        }

        [Test]
        public void Status503ThrowsUContactExceptionWithHttpStatus()
        {
            using (var server = LocalServer.Start("--fault", "status:503"))
            {
                var e = Assert.Throws<UContactException>(
                    () => UContact.GetUserToken(server.Url, "demo", Password));

                Assert.Equal(UContactErrorCode.HttpStatus, e.Code, "code");
                Assert.Contains("503", e.Message, "message");
                Assert.NoSecret(e, Password);
            }
        }

        [Test]
        public void EmptyJsonObjectReplyThrowsBadResponse()
        {
            using (var server = LocalServer.Start("--fault", "body:{}"))
            {
                var e = Assert.Throws<UContactException>(
                    () => UContact.GetUserToken(server.Url, "demo", Password));

                Assert.Equal(UContactErrorCode.BadResponse, e.Code, "code");
                Assert.NoSecret(e, Password);
            }
        }

        [Test]
        public void ClosedPortThrowsNetworkExceptionWithConnect()
        {
            var domain = "http://127.0.0.1:" + LocalServer.ClosedPort();

            var e = Assert.Throws<UContactNetworkException>(
                () => UContact.GetUserToken(domain, "demo", Password));

            Assert.Equal(UContactErrorCode.Connect, e.Code, "code");
            Assert.NoSecret(e, Password);
        }

        [Test]
        public void SilentServerThrowsTimeoutThroughAClientWithShortTimeouts()
        {
            using (var server = LocalServer.Start("--fault", "silent"))
            using (var client = new UContactClient(server.Url))
            {
                client.SetTimeouts(TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(500));

                var e = Assert.Throws<UContactTimeoutException>(
                    () => client.GetUserToken("demo", Password));

                Assert.Equal(UContactErrorCode.Timeout, e.Code, "code");
                Assert.True(e is UContactNetworkException, "a timeout is a network exception");
                Assert.NoSecret(e, Password);
            }
        }

        [Test]
        public void UntrustedTlsServerThrowsNetworkExceptionWithTls()
        {
            using (var server = LocalServer.StartTls())
            {
                var e = Assert.Throws<UContactNetworkException>(
                    () => UContact.GetUserToken(server.Url, "demo", Password));

                Assert.Equal(UContactErrorCode.Tls, e.Code, "code");
                Assert.NoSecret(e, Password);
            }
        }

        [Test]
        public void InvalidDomainThrowsArgumentExceptionBeforeAnyTraffic()
        {
            var e = Assert.Throws<UContactArgumentException>(
                () => UContact.GetUserToken(Refused, "demo", Password));

            Assert.Equal(UContactErrorCode.InvalidDomain, e.Code, "code");
            Assert.NoSecret(e, Password);
        }

        [Test]
        public void PlainHttpToANonLoopbackHostIsAnInvalidDomain()
        {
            var e = Assert.Throws<UContactArgumentException>(
                () => UContact.GetUserToken("http://evil.example", "demo", Password));

            Assert.Equal(UContactErrorCode.InvalidDomain, e.Code, "code");
        }

        [Test]
        public void NullArgumentsThrowArgumentNullExceptionWithoutCallingTheLibrary()
        {
            // The library keeps this thread's last message; a NULL passed to it would replace it.
            Assert.Throws<UContactArgumentException>(
                () => UContact.GetUserToken(Refused, "demo", Password));
            var before = Errors.LastErrorMessage();

            Assert.Equal("domain", Assert.Throws<ArgumentNullException>(
                () => UContact.GetUserToken(null, "demo", Password)).ParamName, "parameter");
            Assert.Equal("user", Assert.Throws<ArgumentNullException>(
                () => UContact.GetUserToken(Refused, null, Password)).ParamName, "parameter");
            Assert.Equal("password", Assert.Throws<ArgumentNullException>(
                () => UContact.GetUserToken(Refused, "demo", null)).ParamName, "parameter");

            Assert.Equal(before, Errors.LastErrorMessage(), "the library's last error message");
        }

        [Test]
        public void EmptyUserOrPasswordThrowsInvalidArgumentAndSendsNothing()
        {
            using (var server = LocalServer.Start())
            {
                var user = Assert.Throws<UContactArgumentException>(
                    () => UContact.GetUserToken(server.Url, "", Password));
                var password = Assert.Throws<UContactArgumentException>(
                    () => UContact.GetUserToken(server.Url, "demo", ""));

                Assert.Equal(UContactErrorCode.InvalidArgument, user.Code, "empty user");
                Assert.Equal(UContactErrorCode.InvalidArgument, password.Code, "empty password");
                Assert.Equal(0, server.Requests().Count, "requests received");
            }
        }

        [Test]
        public void EmptyDomainThrowsInvalidDomain()
        {
            var e = Assert.Throws<UContactArgumentException>(
                () => UContact.GetUserToken("", "demo", Password));

            Assert.Equal(UContactErrorCode.InvalidDomain, e.Code, "code");
        }

        [Test]
        public void NulCharacterThrowsInvalidArgumentAndSendsNothing()
        {
            using (var server = LocalServer.Start())
            {
                // Cut at the NUL, this password would be "demo-password" and log in.
                var secret = "demo-password\0tail";
                var e = Assert.Throws<UContactArgumentException>(
                    () => UContact.GetUserToken(server.Url, "demo", secret));

                Assert.Equal(UContactErrorCode.InvalidArgument, e.Code, "code");
                Assert.Contains("password", e.Message, "message names the argument");
                Assert.NoSecret(e, secret);
                Assert.Equal(0, server.Requests().Count, "requests received");
            }
        }

        [Test]
        public void UnpairedSurrogateThrowsInvalidUtf8AndSendsNothing()
        {
            using (var server = LocalServer.Start())
            {
                var secret = "pass\uD83Dword";
                var e = Assert.Throws<UContactArgumentException>(
                    () => UContact.GetUserToken(server.Url, "demo", secret));

                Assert.Equal(UContactErrorCode.InvalidUtf8, e.Code, "code");
                Assert.Contains("password", e.Message, "message names the argument");
                Assert.NoSecret(e, secret);
                Assert.Equal(0, server.Requests().Count, "requests received");
            }
        }

        [Test]
        public void EveryCodeMapsToTheClassACallerCatches()
        {
            var expected = new[]
            {
                Tuple.Create(UContactErrorCode.InvalidArgument, typeof(UContactArgumentException)),
                Tuple.Create(UContactErrorCode.InvalidUtf8, typeof(UContactArgumentException)),
                Tuple.Create(UContactErrorCode.InvalidDomain, typeof(UContactArgumentException)),
                Tuple.Create(UContactErrorCode.BufferTooSmall, typeof(UContactException)),
                Tuple.Create(UContactErrorCode.CaFile, typeof(UContactArgumentException)),
                Tuple.Create(UContactErrorCode.InvalidProxy, typeof(UContactArgumentException)),
                Tuple.Create(UContactErrorCode.Connect, typeof(UContactNetworkException)),
                Tuple.Create(UContactErrorCode.Timeout, typeof(UContactTimeoutException)),
                Tuple.Create(UContactErrorCode.Tls, typeof(UContactNetworkException)),
                Tuple.Create(UContactErrorCode.AuthRejected, typeof(AuthRejectedException)),
                Tuple.Create(UContactErrorCode.HttpStatus, typeof(UContactException)),
                Tuple.Create(UContactErrorCode.BadResponse, typeof(UContactException)),
                Tuple.Create(UContactErrorCode.Internal, typeof(UContactException)),
                Tuple.Create((UContactErrorCode)999, typeof(UContactException)),
            };
            var named = Enum.GetValues(typeof(UContactErrorCode)).Cast<UContactErrorCode>()
                .Where(c => c != UContactErrorCode.Ok);
            var listed = expected.Select(p => p.Item1).Where(c => Enum.IsDefined(c.GetType(), c));
            Assert.Equal(string.Join(", ", named), string.Join(", ", listed),
                "the codes of this table (add a new code here with the class it maps to)");

            foreach (var pair in expected)
            {
                var e = Errors.Create(pair.Item1, "m");
                Assert.Equal(pair.Item2, e.GetType(), "class for " + pair.Item1);
                Assert.Equal(pair.Item1, e.Code, "code kept for " + pair.Item1);
            }
        }

        [Test]
        public void UnknownCodeGetsTheLibrarysDescription()
        {
            Assert.Equal("unknown ucontact error code", Errors.Describe(999), "description");
        }
    }
}
