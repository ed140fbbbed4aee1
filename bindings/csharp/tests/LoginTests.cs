using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace UContactSdk.Tests
{
    /// <summary>Logins that succeed, and what the server received for them.</summary>
    public class LoginTests
    {
        [Test]
        public void ReturnsTheExactTokenOfTheDemoUser()
        {
            using (var server = LocalServer.Start())
            {
                var token = UContact.GetUserToken(server.Url, "demo", "demo-password");

                Assert.Equal(LocalServer.DemoToken, token, "token");
            }
        }

        [Test]
        public void SendsTheUserAndPasswordAsTheServerDecodesThem()
        {
            using (var server = LocalServer.Start())
            {
                UContact.GetUserToken(server.Url, "demo", "demo-password");

                var request = server.Requests().Single();
                Assert.Equal("POST", (string)request["method"], "method");
                Assert.Equal("/Integra/resources/auth/getUserToken", (string)request["path"],
                    "path");
                Assert.Equal("application/x-www-form-urlencoded; charset=UTF-8",
                    (string)request["content_type"],
                    "content type");
                Assert.Equal("demo", server.Field(0, "user"), "user field");
                Assert.Equal("demo-password", server.Field(0, "password"), "password field");
            }
        }

        // Each one would break a binding that form-encodes by hand, passes strings in the
        // platform code page, or lets the marshaller pick an encoding.
        private static readonly string[] TrickyPasswords =
        {
            "pass word",
            " leading and trailing ",
            "a+b&c=d%e",
            "%41%2B%",
            "+",
            "=starts-with-equals",
            "\"double\" and 'single' quotes",
            "back\\slash",
            "tab\tnew\nline",
            "contraseña-ñandú",
            "пароль",
            "密码",
            "emoji-🔑😀",
            "\u00e9 precomposed vs e\u0301 combining",
        };

        [Test]
        public void TrickyPasswordsReachTheServerByteExact()
        {
            var users = TrickyPasswords.Select((password, i) => "user" + i).ToArray();
            var options = new List<string>();
            for (var i = 0; i < users.Length; i++)
            {
                options.Add("--user");
                options.Add(users[i] + "=" + TrickyPasswords[i]);
            }

            using (var server = LocalServer.Start(options.ToArray()))
            {
                for (var i = 0; i < users.Length; i++)
                {
                    var token = UContact.GetUserToken(server.Url, users[i], TrickyPasswords[i]);

                    Assert.Equal(LocalServer.TokenOf(users[i]), token, "token of " + users[i]);
                    Assert.Equal(TrickyPasswords[i], server.Field(i, "password"),
                        "password field of " + users[i]);
                }
            }
        }

        [Test]
        public void NonAsciiUserNamesReachTheServerByteExact()
        {
            var user = "José Ñúñez 山田 🙂";
            using (var server = LocalServer.Start("--user", user + "=clave secreta"))
            {
                var token = UContact.GetUserToken(server.Url, user, "clave secreta");

                Assert.Equal(LocalServer.TokenOf(user), token, "token");
                Assert.Equal(user, server.Field(0, "user"), "user field");
            }
        }

        [Test]
        public void ReturnsTheTokenSetForTheUser()
        {
            using (var server = LocalServer.Start("--token", "demo=abc.DEF-123_~+/=="))
            {
                var token = UContact.GetUserToken(server.Url, "demo", "demo-password");

                Assert.Equal("abc.DEF-123_~+/==", token, "token");
            }
        }

        [Test]
        public void SendsTheDefaultUserAgentWithTheLibraryVersion()
        {
            using (var server = LocalServer.Start())
            {
                UContact.GetUserToken(server.Url, "demo", "demo-password");

                Assert.Equal("ucontact/" + UContact.Version,
                    (string)server.Requests().Single()["user_agent"], "user agent");
            }
        }

        [Test]
        public void WipesThePasswordBytesAndTheTokenBufferAfterALogin()
        {
            byte[] passwordSeen = null, tokenSeen = null;

            var token = UContact.Login("demo", "hunter2", (user, password, buffer) =>
            {
                passwordSeen = password;
                tokenSeen = buffer;
                Assert.Equal("hunter2\0", Encoding.UTF8.GetString(password), "password bytes sent");
                Encoding.ASCII.GetBytes("tok3n\0").CopyTo(buffer, 0);
                return 0;
            });

            Assert.Equal("tok3n", token, "token");
            Assert.True(passwordSeen.All(b => b == 0), "the password bytes are zero afterwards");
            Assert.True(tokenSeen.All(b => b == 0), "the token buffer is zero afterwards");
        }

        [Test]
        public void WipesThePasswordBytesAfterAFailedLogin()
        {
            byte[] passwordSeen = null;

            Assert.Throws<AuthRejectedException>(() => UContact.Login("demo", "hunter2",
                (user, password, buffer) =>
                {
                    passwordSeen = password;
                    return (int)UContactErrorCode.AuthRejected;
                }));

            Assert.Equal(8, passwordSeen.Length, "password bytes and NUL");
            Assert.True(passwordSeen.All(b => b == 0), "the password bytes are zero afterwards");
        }
    }
}
