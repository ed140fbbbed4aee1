using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Threading;

namespace UContactSdk.Tests
{
    /// <summary>Marks a public instance method as a test; each test gets a new instance.</summary>
    [AttributeUsage(AttributeTargets.Method)]
    public sealed class TestAttribute : Attribute
    {
    }

    /// <summary>A failed check.</summary>
    public sealed class AssertionException : Exception
    {
        public AssertionException(string message) : base(message)
        {
        }
    }

    /// <summary>The checks of the tests; a failure says what was expected and what came.</summary>
    public static class Assert
    {
        public static void Equal<T>(T expected, T actual, string what)
        {
            if (!EqualityComparer<T>.Default.Equals(expected, actual))
            {
                throw new AssertionException(
                    what + ": expected " + Show(expected) + ", got " + Show(actual));
            }
        }

        public static void True(bool condition, string what)
        {
            if (!condition)
            {
                throw new AssertionException(what);
            }
        }

        public static void Contains(string needle, string haystack, string what)
        {
            if (haystack == null || haystack.IndexOf(needle, StringComparison.Ordinal) < 0)
            {
                throw new AssertionException(
                    what + ": expected it to contain " + Show(needle) + ", got " + Show(haystack));
            }
        }

        /// <summary>Fails if <paramref name="secret"/> is in the exception's text.</summary>
        public static void NoSecret(Exception e, string secret)
        {
            // Not quoted in the failure message: it is the secret.
            if (e.ToString().IndexOf(secret, StringComparison.Ordinal) >= 0)
            {
                throw new AssertionException(e.GetType().Name + " text contains the password");
            }
        }

        /// <summary>Runs <paramref name="action"/>; returns its exception, exactly a T.</summary>
        public static T Throws<T>(Action action) where T : Exception
        {
            try
            {
                action();
            }
            catch (Exception e)
            {
                if (e.GetType() == typeof(T))
                {
                    return (T)e;
                }
                throw new AssertionException("expected " + typeof(T).Name + ", got "
                    + e.GetType().Name + ": " + e.Message);
            }
            throw new AssertionException("expected " + typeof(T).Name + ", nothing was thrown");
        }

        private static string Show(object value)
        {
            if (value == null)
            {
                return "null";
            }
            return value is string ? "\"" + value + "\"" : value.ToString();
        }
    }

    /// <summary>
    /// Runs every [Test] of this assembly (or those whose name contains an argument), prints
    /// one line per test and the closing line "N passed, N failed", and exits non-zero unless
    /// all passed.
    /// </summary>
    public static class Harness
    {
        // Not a timed assertion: a guard so that a hung test ends the run instead of the CI job.
        private static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(2);

        public static int Main(string[] args)
        {
            if (args.Length == 1 && args[0] == LoadTests.ProbeFlag)
            {
                return LoadTests.Probe();
            }

            var tests = typeof(Harness).Assembly.GetTypes()
                .Where(t => t.IsClass && t.IsPublic)
                .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance
                    | BindingFlags.DeclaredOnly))
                .Where(m => m.GetCustomAttributes(typeof(TestAttribute), false).Length > 0)
                .Where(m => args.Length == 0 || args.Any(a => Name(m).Contains(a)))
                .OrderBy(m => Name(m), StringComparer.Ordinal)
                .ToList();

            int passed = 0, failed = 0;
            foreach (var test in tests)
            {
                Exception failure = null;
                var thread = new Thread(() => failure = Run(test));
                thread.Start();
                if (!thread.Join(HangGuard))
                {
                    Console.WriteLine("FAIL " + Name(test) + ": still running after "
                        + HangGuard.TotalMinutes + " minutes; the run stops here");
                    Console.WriteLine(passed + " passed, " + (failed + 1) + " failed");
                    Console.Out.Flush();
                    Environment.Exit(1);
                }

                if (failure == null)
                {
                    passed++;
                    Console.WriteLine("ok   " + Name(test));
                }
                else
                {
                    failed++;
                    Console.WriteLine("FAIL " + Name(test) + ": " + Describe(failure));
                }
            }

            Console.WriteLine(passed + " passed, " + failed + " failed");
            return failed == 0 && passed > 0 ? 0 : 1;
        }

        private static Exception Run(MethodInfo test)
        {
            try
            {
                test.Invoke(Activator.CreateInstance(test.DeclaringType), null);
                return null;
            }
            catch (TargetInvocationException e)
            {
                return e.InnerException;
            }
            catch (Exception e)
            {
                return e;
            }
        }

        private static string Name(MethodInfo test)
        {
            return test.DeclaringType.Name + "." + test.Name;
        }

        private static string Describe(Exception e)
        {
            // An assertion says enough; anything else gets its type and stack for debugging.
            return e is AssertionException ? e.Message : e.ToString();
        }
    }
}
