using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;

namespace UContactSdk.Tests
{
    /// <summary>
    /// Facts kept in two places: the header and the binding's declarations, codes and
    /// constants; Cargo.toml and the binding's versions.
    /// </summary>
    public class ConsistencyTests
    {
        private static string RepoFile(string relative)
        {
            var root = Environment.GetEnvironmentVariable("UCONTACT_REPO_ROOT");
            if (string.IsNullOrEmpty(root))
            {
                throw new InvalidOperationException(
                    "UCONTACT_REPO_ROOT is not set: run the tests through run-tests.sh");
            }
            return File.ReadAllText(Path.Combine(root, relative));
        }

        private static string Header()
        {
            return RepoFile("include/ucontact.h");
        }

        private static string CrateVersion()
        {
            var cargo = RepoFile("Cargo.toml");
            var package = cargo.Substring(cargo.IndexOf("[package]", StringComparison.Ordinal));
            return Regex.Match(package, "^version\\s*=\\s*\"([^\"]+)\"", RegexOptions.Multiline)
                .Groups[1].Value;
        }

        private static Dictionary<string, long> Defines(string pattern)
        {
            return Regex.Matches(Header(), "^#define (" + pattern + ") (-?\\d+)\\s*$",
                    RegexOptions.Multiline)
                .Cast<Match>()
                .ToDictionary(m => m.Groups[1].Value, m => long.Parse(m.Groups[2].Value));
        }

        /// <summary>UCONTACT_ERR_INVALID_UTF8 -> InvalidUtf8, UCONTACT_OK -> Ok.</summary>
        private static string EnumName(string define)
        {
            var words = define.Substring("UCONTACT_".Length).Split('_');
            if (words[0] == "ERR")
            {
                words = words.Skip(1).ToArray();
            }
            return string.Concat(
                words.Select(w => w.Substring(0, 1) + w.Substring(1).ToLowerInvariant()));
        }

        [Test]
        public void EveryHeaderCodeIsInTheEnumWithTheSameValue()
        {
            var codes = Defines("UCONTACT_OK|UCONTACT_ERR_\\w+");
            Assert.True(codes.Count >= 14, "the header defines its codes, found " + codes.Count);

            foreach (var code in codes)
            {
                UContactErrorCode value;
                Assert.True(Enum.TryParse(EnumName(code.Key), false, out value),
                    code.Key + " has no UContactErrorCode." + EnumName(code.Key)
                    + ": add it to bindings/csharp/src/UContactErrorCode.cs");
                Assert.Equal(code.Value, (long)value, "UContactErrorCode." + EnumName(code.Key)
                    + " against " + code.Key + " (the header is right: update the enum)");
            }
        }

        [Test]
        public void EveryEnumValueIsAHeaderCode()
        {
            var names = Defines("UCONTACT_OK|UCONTACT_ERR_\\w+").Keys.Select(EnumName).ToList();

            foreach (var name in Enum.GetNames(typeof(UContactErrorCode)))
            {
                Assert.True(names.Contains(name), "UContactErrorCode." + name
                    + " is not a code of include/ucontact.h: remove it or fix its name");
            }
        }

        [Test]
        public void BufferSizesMatchTheHeader()
        {
            var sizes = Defines("UCONTACT_\\w+_BUFFER_SIZE");

            Assert.Equal(sizes["UCONTACT_TOKEN_BUFFER_SIZE"], (long)UContact.TokenBufferSize,
                "UContact.TokenBufferSize against UCONTACT_TOKEN_BUFFER_SIZE");
            Assert.Equal(sizes["UCONTACT_ERROR_BUFFER_SIZE"], (long)Errors.ErrorBufferSize,
                "Errors.ErrorBufferSize against UCONTACT_ERROR_BUFFER_SIZE");
        }

        /// <summary>The P/Invoke methods of <paramref name="type"/>.</summary>
        private static IEnumerable<MethodInfo> PInvokes(Type type)
        {
            const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic
                | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly;
            return type.GetMethods(all)
                .Where(m => (m.Attributes & MethodAttributes.PinvokeImpl) != 0);
        }

        private static DllImportAttribute ImportOf(MethodInfo method)
        {
            return (DllImportAttribute)method.GetCustomAttributes(typeof(DllImportAttribute), false)
                .Single();
        }

        /// <summary>
        /// What is wrong with a declaration: a string type, which the default marshalling
        /// turns into the Windows code page instead of UTF-8; another library or calling
        /// convention. Empty when nothing is.
        /// </summary>
        private static List<string> Problems(MethodInfo method)
        {
            var problems = new List<string>();
            var types = method.GetParameters().Select(p => p.ParameterType)
                .Concat(new[] { method.ReturnType });
            foreach (var type in types)
            {
                var bare = type;
                while (bare.HasElementType)
                {
                    bare = bare.GetElementType();
                }
                if (bare == typeof(string) || bare == typeof(StringBuilder))
                {
                    problems.Add(method.Name + " passes " + type.Name);
                }
            }

            var import = ImportOf(method);
            if (import.Value != "ucontact")
            {
                problems.Add(method.Name + " imports from \"" + import.Value + "\"");
            }
            if (import.CallingConvention != CallingConvention.Cdecl)
            {
                problems.Add(method.Name + " is " + import.CallingConvention);
            }
            return problems;
        }

        [Test]
        public void NoDllImportTakesOrReturnsAString()
        {
            var imports = typeof(UContact).Assembly.GetTypes().SelectMany(PInvokes).ToList();
            Assert.True(imports.Count > 0, "the assembly declares P/Invoke methods");

            var problems = imports.SelectMany(Problems).ToList();

            Assert.Equal("", string.Join("; ", problems),
                "declarations to fix (take byte[] or IntPtr and convert with Utf8)");
        }

        [Test]
        public void TheDeclarationCheckCatchesStringsAndOtherMistakes()
        {
            var bad = PInvokes(typeof(BadDeclarations)).OrderBy(m => m.Name)
                .Select(m => string.Join("; ", Problems(m))).ToList();

            Assert.Equal("passes_string_array passes String[]", bad[0], "string[] parameter");
            Assert.Equal("returns_string passes String", bad[1], "string result");
            Assert.Equal("takes_builder passes StringBuilder", bad[2], "StringBuilder parameter");
            Assert.Equal("takes_ref_string passes String&", bad[3], "ref string parameter");
            Assert.Equal("wrong_library imports from \"other\"; wrong_library is StdCall",
                bad[4], "library and calling convention");
        }

        [Test]
        public void EveryHeaderFunctionIsDeclaredOnceAndNothingElse()
        {
            var code = Regex.Replace(Header(), "/\\*.*?\\*/|//[^\\n]*", "",
                RegexOptions.Singleline);
            var inHeader = Regex.Matches(code, "\\b(ucontact_\\w+)\\s*\\(").Cast<Match>()
                .Select(m => m.Groups[1].Value).OrderBy(n => n, StringComparer.Ordinal).ToList();
            var declared = PInvokes(typeof(Native))
                .Select(m => ImportOf(m).EntryPoint ?? m.Name)
                .OrderBy(n => n, StringComparer.Ordinal).ToList();

            Assert.True(inHeader.Count >= 11, "the header declares its functions");
            Assert.Equal(string.Join(" ", inHeader), string.Join(" ", declared),
                "functions of include/ucontact.h against the DllImports of src/Native.cs");
        }

        [Test]
        public void NativeLibraryVersionEqualsTheCrateVersion()
        {
            Assert.Equal(CrateVersion(), UContact.Version,
                "ucontact_version() against Cargo.toml (rebuild the library: make build)");
        }

        [Test]
        public void AssemblyVersionEqualsTheCrateVersion()
        {
            var assembly = typeof(UContact).Assembly;
            var informational = ((AssemblyInformationalVersionAttribute)assembly
                .GetCustomAttributes(typeof(AssemblyInformationalVersionAttribute), false)
                .Single()).InformationalVersion;

            Assert.Equal(CrateVersion(), informational, "AssemblyInformationalVersion against "
                + "Cargo.toml: update bindings/csharp/src/AssemblyInfo.cs");
            Assert.Equal(new Version(CrateVersion() + ".0"), assembly.GetName().Version,
                "AssemblyVersion against Cargo.toml: update bindings/csharp/src/AssemblyInfo.cs");
        }

        [Test]
        public void PackageVersionEqualsTheCrateVersion()
        {
            var project = RepoFile("bindings/csharp/UContactSdk.csproj");
            var version = Regex.Match(project, "<Version>([^<]*)</Version>").Groups[1].Value;

            Assert.Equal(CrateVersion(), version,
                "<Version> against Cargo.toml: update bindings/csharp/UContactSdk.csproj");
        }
    }

    /// <summary>Wrong on purpose and never called: proof that the check can fail.</summary>
    internal static class BadDeclarations
    {
        [DllImport("ucontact", CallingConvention = CallingConvention.Cdecl)]
        internal static extern void passes_string_array(string[] values);

        [DllImport("ucontact", CallingConvention = CallingConvention.Cdecl)]
        internal static extern string returns_string();

        [DllImport("ucontact", CallingConvention = CallingConvention.Cdecl)]
        internal static extern void takes_builder(StringBuilder buffer);

        [DllImport("ucontact", CallingConvention = CallingConvention.Cdecl)]
        internal static extern void takes_ref_string(ref string value);

        [DllImport("other", CallingConvention = CallingConvention.StdCall)]
        internal static extern void wrong_library(IntPtr value);
    }
}
