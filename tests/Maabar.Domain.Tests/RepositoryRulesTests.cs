using Maabar.Tests;
using System.Reflection;
using System.Xml.Linq;

namespace Maabar.Domain.Tests;

/// <summary>Rules of DESIGN.md and STYLE.md that the compiler does not check.</summary>
public sealed class RepositoryRulesTests
{
    private static readonly string Root = RepositoryPaths.Root;

    public static TheoryData<string> PureAssemblies => new() { "Maabar.Names", "Maabar.Documents", "Maabar.Domain" };

    [Theory]
    [MemberData(nameof(PureAssemblies))]
    public void PureLibrary_ReferencesOnlyTheRuntimeAndOtherPureLibraries(string name)
    {
        Assembly assembly = Assembly.Load(name);

        string[] references = [.. assembly.GetReferencedAssemblies().Select(a => a.Name!)];

        // The base class library (Microsoft.NETCore.App, where System.Text.Json and System.Threading live)
        // is allowed; ASP.NET Core's and EF's assemblies are not in that directory, nor is any package.
        string runtime = System.Runtime.InteropServices.RuntimeEnvironment.GetRuntimeDirectory();
        Assert.All(references, r => Assert.True(
            (File.Exists(Path.Combine(runtime, r + ".dll")) && !r.StartsWith("Microsoft.", StringComparison.Ordinal))
            || r is "Maabar.Names" or "Maabar.Documents",
            $"{name} references {r}; the pure libraries take no ASP.NET, EF or package dependency (DESIGN.md section 3)."));
    }

    [Theory]
    [MemberData(nameof(PureAssemblies))]
    public void PureLibrary_ProjectHasNoPackageReference(string name)
    {
        XDocument project = XDocument.Load(Path.Combine(Root, "src", name, name + ".csproj"));

        Assert.DoesNotContain(project.Descendants(), e => e.Name.LocalName is "PackageReference" or "FrameworkReference");
    }

    [Fact]
    public void SourceFiles_ContainNoBidiControlCharacters()
    {
        // Bidi embeddings, overrides and isolates can make code read differently from how it compiles (CVE-2021-42574).
        char[] controls = ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069'];
        string[] offenders = [.. SourceFiles("*.cs", "*.cshtml", "*.resx", "*.json", "*.sh", "*.props", "*.csproj", "*.css", "*.md")
            .Where(f => File.ReadAllText(f).IndexOfAny(controls) >= 0)];

        Assert.Empty(offenders);
    }

    [Fact]
    public void CSharpFiles_WriteNonAsciiLettersAsEscapes()
    {
        var offenders = new List<string>();
        foreach (string file in SourceFiles("*.cs").Where(f => !f.Contains($"{Path.DirectorySeparatorChar}Migrations{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
        {
            string[] lines = File.ReadAllLines(file);
            for (int i = 0; i < lines.Length; i++)
            {
                if (lines[i].Any(c => c > '\u007F' && char.IsLetter(c)))
                {
                    offenders.Add($"{Path.GetRelativePath(Root, file)}:{i + 1}");
                }
            }
        }

        Assert.Empty(offenders);
    }

    [Fact]
    public void Code_UsesNoAmbientClock()
    {
        // STYLE.md: inject TimeProvider; DateTime.Now / UtcNow make behaviour untestable. Tests too: a test
        // reads the clock the code under test reads (a fixture's FakeTimeProvider, or the server's own
        // TimeProvider), and waits by elapsed time (Stopwatch), or it passes only while two clocks agree.
        string self = Path.Combine(Root, "tests", "Maabar.Domain.Tests", "RepositoryRulesTests.cs");
        string[] ambient = ["DateTime.Now", "DateTime.UtcNow", "DateTime.Today", "DateTimeOffset.UtcNow", "DateTimeOffset.Now"];
        string[] offenders = [.. SourceFiles("*.cs", "*.cshtml")
            .Where(f => f != self)
            .Where(f => File.ReadAllText(f) is var text && ambient.Any(a => text.Contains(a, StringComparison.Ordinal)))
            .Select(f => Path.GetRelativePath(Root, f))];

        Assert.Empty(offenders);
    }

    private static IEnumerable<string> SourceFiles(params string[] patterns) =>
        new[] { "src", "tests", "bench" }
            .Select(d => Path.Combine(Root, d))
            .Where(Directory.Exists)
            .SelectMany(d => patterns.SelectMany(p => Directory.EnumerateFiles(d, p, SearchOption.AllDirectories)))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}data{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
}
