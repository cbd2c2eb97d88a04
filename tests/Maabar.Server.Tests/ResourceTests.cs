using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Maabar.Core.Features.Clearances;
using Maabar.Domain;
using Maabar.Tests;

namespace Maabar.Server.Tests;

/// <summary>Every display string a page asks for exists in Arabic, French and English.</summary>
public sealed partial class ResourceTests
{
    private static readonly string Resources = Path.Combine(RepositoryPaths.Root, "src", "Maabar.Server", "Resources");

    public static TheoryData<string> Languages => new() { ".ar", ".fr", ".en", string.Empty };

    private static HashSet<string> Keys(string suffix) =>
        [.. XDocument.Load(Path.Combine(Resources, $"SharedResource{suffix}.resx")).Root!.Elements("data").Select(d => (string)d.Attribute("name")!)];

    [GeneratedRegex("""L\["([A-Za-z0-9_.\-]+)"\]""")]
    private static partial Regex LiteralKey();

    [Theory]
    [MemberData(nameof(Languages))]
    public void EveryLiteralKeyOfEveryPage_IsTranslated(string suffix)
    {
        HashSet<string> keys = Keys(suffix);
        string pages = Path.Combine(RepositoryPaths.Root, "src", "Maabar.Server", "Pages");
        var missing = Directory.EnumerateFiles(pages, "*.cshtml", SearchOption.AllDirectories)
            .SelectMany(f => LiteralKey().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetFileName(f), Key: m.Groups[1].Value)))
            .Where(k => !keys.Contains(k.Key))
            .Select(k => $"{k.File}: {k.Key}")
            .Distinct()
            .ToList();

        Assert.Empty(missing);
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void EveryErrorCodeAndEnumShownOnAPage_IsTranslated(string suffix)
    {
        HashSet<string> keys = Keys(suffix);
        IEnumerable<string> errors = typeof(ErrorCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral).Select(f => "error." + (string)f.GetRawConstantValue()!);
        IEnumerable<string> enums = new[]
        {
            (typeof(WatchlistCategory), "category."), (typeof(WatchlistCategory), "action."), (typeof(HitStatus), "hitStatus."), (typeof(HitOutcome), "outcome."),
            (typeof(EntryKind), "kind."), (typeof(ClearanceStatus), "clearanceStatus."), (typeof(HitBand), "band."), (typeof(OutboxStatus), "outboxStatus."),
        }.SelectMany(e => Enum.GetNames(e.Item1).Select(n => e.Item2 + n))
            .Concat(Maabar.Core.Features.Federation.MessageTypes.Supported.Keys.Select(t => "messageType." + t))
            .Concat(new[] { Maabar.Core.Features.Federation.MessageTypes.HitNotification, Maabar.Core.Features.Federation.MessageTypes.RequestForInformation }
                .SelectMany(Maabar.Core.Features.Federation.LiaisonDesk.OutcomesFor).Select(o => "answer." + o));

        List<string> missing = [.. errors.Concat(enums).Where(k => !keys.Contains(k))];
        Assert.Empty(missing);
    }
}
