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
            (typeof(EntryKind), "kind."), (typeof(ClearanceStatus), "clearanceStatus."), (typeof(HitBand), "band."), (typeof(OutboxStatus), "outboxStatus."), (typeof(CrossingStatus), "crossingStatus."), (typeof(IncidentType), "incidentType."), (typeof(ImpactLevel), "impact."),
            (typeof(DecisionKind), "decisionKind."), (typeof(ActionItemStatus), "actionStatus."),
        }.SelectMany(e => Enum.GetNames(e.Item1).Select(n => e.Item2 + n))
            .Concat(Maabar.Core.Features.Federation.MessageTypes.Supported.Keys.Select(t => "messageType." + t))
            .Concat(new[] { Maabar.Core.Features.Federation.MessageTypes.HitNotification, Maabar.Core.Features.Federation.MessageTypes.RequestForInformation }
                .SelectMany(Maabar.Core.Features.Federation.LiaisonDesk.OutcomesFor).Select(o => "answer." + o))
            .Concat(CrossingRules.Categories.Select(c => "category.allowed." + c))
            .Concat(Maabar.Core.Features.Incidents.IncidentPolicy.KnownSteps.Select(s => "reaction." + s))
            .Concat(new[] { AgencyCode.Tunisia, AgencyCode.Libya }.Select(a => "country." + a))
            .Concat(AuditActions.All.Select(a => "auditAction." + a))
            .Concat(Pages.Admin.AuditModel.EntityTypes.Select(t => "auditEntity." + t));

        List<string> missing = [.. errors.Concat(enums).Where(k => !keys.Contains(k))];
        Assert.Empty(missing);
    }
}

/// <summary>Every record type the code writes to the audit trail is one the audit page can filter by and name in words.</summary>
public sealed partial class AuditRecordTypeTests
{
    [GeneratedRegex("""\.Audit\([^;]*?AuditActions\.[A-Za-z]+,\s*"([a-z-]+)"\s*,""", RegexOptions.Singleline)]
    private static partial Regex AuditCall();

    [Fact]
    public void EveryRecordTypeWrittenInSource_IsAFilterChoice()
    {
        string src = Path.Combine(RepositoryPaths.Root, "src");
        List<string> written = [.. Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => AuditCall().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .Distinct()];

        Assert.NotEmpty(written);
        Assert.Empty(written.Except(Pages.Admin.AuditModel.EntityTypes));
    }
}

/// <summary>Generated passwords always pass the node's own password rules (a first start must not fail by chance).</summary>
public sealed class GeneratedPasswordTests
{
    [Fact]
    public async Task EveryGeneratedPassword_IsAcceptedByTheIdentityRules()
    {
        var options = new Microsoft.AspNetCore.Identity.IdentityOptions();
        options.Password.RequiredLength = 12;
        options.Password.RequireNonAlphanumeric = false;
        options.Password.RequireUppercase = false;
        options.Password.RequiredUniqueChars = 5;
        var validator = new Microsoft.AspNetCore.Identity.PasswordValidator<Maabar.Core.Data.MaabarUser>();
        var manager = new Microsoft.AspNetCore.Identity.UserManager<Maabar.Core.Data.MaabarUser>(
            new NoStore(), Microsoft.Extensions.Options.Options.Create(options), null!, [], [validator], null!, null!, null!, null!);
        for (int i = 0; i < 2000; i++)
        {
            string password = Maabar.Server.Seeding.CredentialsFile.GeneratePassword();
            Microsoft.AspNetCore.Identity.IdentityResult result = await validator.ValidateAsync(manager, new Maabar.Core.Data.MaabarUser { UserName = "x", Agency = "TUN", DisplayName = "x" }, password);
            Assert.True(result.Succeeded, string.Join(",", result.Errors.Select(e => e.Code)));
        }
    }

    private sealed class NoStore : Microsoft.AspNetCore.Identity.IUserStore<Maabar.Core.Data.MaabarUser>
    {
        public void Dispose() { }
        public Task<string> GetUserIdAsync(Maabar.Core.Data.MaabarUser user, CancellationToken cancellationToken) => Task.FromResult(string.Empty);
        public Task<string?> GetUserNameAsync(Maabar.Core.Data.MaabarUser user, CancellationToken cancellationToken) => Task.FromResult(user.UserName);
        public Task SetUserNameAsync(Maabar.Core.Data.MaabarUser user, string? userName, CancellationToken cancellationToken) => Task.CompletedTask;
        public Task<string?> GetNormalizedUserNameAsync(Maabar.Core.Data.MaabarUser user, CancellationToken cancellationToken) => Task.FromResult(user.UserName);
        public Task SetNormalizedUserNameAsync(Maabar.Core.Data.MaabarUser user, string? normalizedName, CancellationToken cancellationToken) => Task.CompletedTask;
        public Task<Microsoft.AspNetCore.Identity.IdentityResult> CreateAsync(Maabar.Core.Data.MaabarUser user, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task<Microsoft.AspNetCore.Identity.IdentityResult> UpdateAsync(Maabar.Core.Data.MaabarUser user, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task<Microsoft.AspNetCore.Identity.IdentityResult> DeleteAsync(Maabar.Core.Data.MaabarUser user, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task<Maabar.Core.Data.MaabarUser?> FindByIdAsync(string userId, CancellationToken cancellationToken) => Task.FromResult<Maabar.Core.Data.MaabarUser?>(null);
        public Task<Maabar.Core.Data.MaabarUser?> FindByNameAsync(string normalizedUserName, CancellationToken cancellationToken) => Task.FromResult<Maabar.Core.Data.MaabarUser?>(null);
    }
}

/// <summary>The border map is real geography: Tunisia and Libya from Natural Earth, projected into the drawing.</summary>
public sealed class BorderMapTests
{
    [Fact]
    public void Map_HasTheTwoCountries_AndPlacesRasJedirOnTheirBorder()
    {
        var map = new Maabar.Server.Infrastructure.BorderMap();

        Assert.Contains(map.Countries, c => c.Code == "TUN" && c.Path.Length > 1000);
        Assert.Contains(map.Countries, c => c.Code == "LBY" && c.Path.Length > 1000);

        // Ras Jedir (33.15 N, 11.57 E) lies inside the drawing, north-west of Tripoli (32.9 N, 13.2 E).
        (double x, double y) = map.Project(33.15, 11.57);
        (double tx, double ty) = map.Project(32.9, 13.2);
        Assert.InRange(x, 0, Maabar.Server.Infrastructure.BorderMap.Width);
        Assert.InRange(y, 0, map.Height);
        Assert.True(x < tx && y < ty);
    }
}
