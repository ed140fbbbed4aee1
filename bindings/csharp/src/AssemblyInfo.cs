using System.Reflection;
using System.Runtime.CompilerServices;

// The version is kept in three places that a test compares: Cargo.toml (the source of truth),
// these attributes, and <Version> in UContactSdk.csproj. The .csproj turns off its own
// generated attributes (GenerateAssemblyInfo) so that mcs and the .NET SDK build the same ones.
[assembly: AssemblyTitle("UContactSdk")]
[assembly: AssemblyDescription("Log in to a uContact instance and get its API token")]
[assembly: AssemblyVersion("0.1.0.0")]
[assembly: AssemblyFileVersion("0.1.0.0")]
[assembly: AssemblyInformationalVersion("0.1.0")]
[assembly: InternalsVisibleTo("UContactSdk.Tests")]
