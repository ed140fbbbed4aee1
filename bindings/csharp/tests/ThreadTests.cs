using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;

namespace UContactSdk.Tests
{
    /// <summary>Many threads at once, each checking that it got its own result.</summary>
    public class ThreadTests
    {
        private const int Threads = 16;
        private const int CallsPerThread = 25;

        /// <summary>
        /// Runs <paramref name="work"/> on <see cref="Threads"/> threads released together and
        /// returns every failure, as text.
        /// </summary>
        private static List<string> OnManyThreads(Action<int> work)
        {
            var failures = new ConcurrentQueue<string>();
            using (var start = new Barrier(Threads))
            {
                var threads = Enumerable.Range(0, Threads).Select(t => new Thread(() =>
                {
                    start.SignalAndWait();
                    try
                    {
                        work(t);
                    }
                    catch (Exception e)
                    {
                        failures.Enqueue(
                            "thread " + t + ": " + e.GetType().Name + ": " + e.Message);
                    }
                })).ToList();
                threads.ForEach(thread => thread.Start());
                threads.ForEach(thread => thread.Join());
            }
            return failures.ToList();
        }

        private static string[] UserOptions()
        {
            return Enumerable.Range(0, Threads)
                .SelectMany(t => new[] { "--user", "t" + t + "=pässwörd " + t }).ToArray();
        }

        /// <summary>
        /// Every other call of a thread uses a wrong password, so each thread checks both its
        /// token and that its failure is reported to it and not to a neighbour.
        /// </summary>
        private static void Logins(int t, Func<string, string, string> login)
        {
            var user = "t" + t;
            for (var i = 0; i < CallsPerThread; i++)
            {
                if (i % 2 == 0)
                {
                    Assert.Equal(LocalServer.TokenOf(user), login(user, "pässwörd " + t),
                        "token of " + user + " at call " + i);
                }
                else
                {
                    var e = Assert.Throws<AuthRejectedException>(() => login(user, "wrong " + t));
                    Assert.Equal(UContactErrorCode.AuthRejected, e.Code, "code at call " + i);
                }
            }
        }

        [Test]
        public void OneCallFunctionGivesEachThreadItsOwnTokenAndErrors()
        {
            using (var server = LocalServer.Start(UserOptions()))
            {
                var failures = OnManyThreads(
                    t => Logins(t, (user, pass) => UContact.GetUserToken(server.Url, user, pass)));

                Assert.Equal("", string.Join("\n", failures), "failures");
                Assert.Equal(Threads * CallsPerThread, server.Requests().Count, "requests");
            }
        }

        [Test]
        public void OneClientGivesEachThreadItsOwnTokenAndErrors()
        {
            using (var server = LocalServer.Start(UserOptions()))
            using (var client = new UContactClient(server.Url))
            {
                var failures = OnManyThreads(t => Logins(t, client.GetUserToken));

                Assert.Equal("", string.Join("\n", failures), "failures");
                Assert.Equal(Threads * CallsPerThread, server.Requests().Count, "requests");
            }
        }

        [Test]
        public void SettersWaitForLoginsOnOtherThreads()
        {
            using (var server = LocalServer.Start(UserOptions()))
            using (var client = new UContactClient(server.Url))
            {
                // Thread 0 keeps changing the client while the others log in through it: the
                // native library forbids that, so the binding must serialise them.
                var failures = OnManyThreads(t =>
                {
                    if (t == 0)
                    {
                        for (var i = 0; i < CallsPerThread; i++)
                        {
                            client.SetUserAgent("agent/" + i);
                            client.SetTimeouts(
                                TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10 + i));
                        }
                        return;
                    }
                    Logins(t, client.GetUserToken);
                });

                Assert.Equal("", string.Join("\n", failures), "failures");
                var agents = server.Requests().Select(r => (string)r["user_agent"]).ToList();
                Assert.True(agents.All(a => a.StartsWith("agent/") || a.StartsWith("ucontact/")),
                    "every request carries a whole user agent");
            }
        }
    }
}
