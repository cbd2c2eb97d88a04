using Maabar.Core.Data;
using Maabar.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Maabar.Testing;

/// <summary>Rows a test needs, created through the same services the server uses.</summary>
public static class TestData
{
    public const string Password = "Test-password-2026";

    public const string Crossing = "TN-LY-RASJEDIR";

    /// <summary>A crossing where only the Tunisian side has lanes.</summary>
    public const string TunisianOnlyCrossing = "TN-TEST-TUNISIAN-ONLY";

    /// <summary>
    /// Creates Ras Jedir with lanes for both agencies (CAR-IN-1 entry, CAR-OUT-1 exit, CLOSED-1 closed) and a
    /// user for each agency and role, named <c>{agency}.{role}</c> in lower case, with <see cref="Password"/>.
    /// Safe to call more than once.
    /// </summary>
    public static async Task SeedAsync(IServiceProvider services)
    {
        await using AsyncServiceScope scope = services.CreateAsyncScope();
        MaabarDbContext db = scope.ServiceProvider.GetRequiredService<MaabarDbContext>();
        if (await db.CrossingPoints.FindAsync(Crossing) is null)
        {
            var crossing = new CrossingPoint { Id = Crossing, NameAr = "\u0631\u0623\u0633 \u062C\u062F\u064A\u0631", NameFr = "Ras Jedir", NameEn = "Ras Ajdir", Countries = "TUN,LBY", Latitude = 33.1481, Longitude = 11.5663 };
            foreach (string agency in new[] { AgencyCode.Tunisia, AgencyCode.Libya })
            {
                crossing.Lanes.Add(new Lane { CrossingPointId = Crossing, Agency = agency, Code = "CAR-IN-1", Mode = LaneMode.Car, Direction = PassageDirection.Entry });
                crossing.Lanes.Add(new Lane { CrossingPointId = Crossing, Agency = agency, Code = "CAR-OUT-1", Mode = LaneMode.Car, Direction = PassageDirection.Exit });
                crossing.Lanes.Add(new Lane { CrossingPointId = Crossing, Agency = agency, Code = "CLOSED-1", Mode = LaneMode.Car, Direction = PassageDirection.Entry, Status = CrossingStatus.Closed });
            }

            db.CrossingPoints.Add(crossing);
            var tunisianOnly = new CrossingPoint { Id = TunisianOnlyCrossing, NameAr = "\u0627\u062E\u062A\u0628\u0627\u0631", NameFr = "Essai", NameEn = "Test", Countries = "TUN,DZA" };
            tunisianOnly.Lanes.Add(new Lane { CrossingPointId = TunisianOnlyCrossing, Agency = AgencyCode.Tunisia, Code = "CAR-IN-1", Mode = LaneMode.Car, Direction = PassageDirection.Entry });
            db.CrossingPoints.Add(tunisianOnly);
            await db.SaveChangesAsync();
        }

        UserManager<MaabarUser> users = scope.ServiceProvider.GetRequiredService<UserManager<MaabarUser>>();
        foreach (string agency in new[] { AgencyCode.Tunisia, AgencyCode.Libya })
        {
            foreach (string role in Roles.All)
            {
                string name = UserName(agency, role);
                if (await users.FindByNameAsync(name) is null)
                {
                    var user = new MaabarUser { UserName = name, Agency = agency, DisplayName = name };
                    Check(await users.CreateAsync(user, Password));
                    Check(await users.AddToRoleAsync(user, role));
                }
            }
        }
    }

    public static string UserName(string agency, string role) => $"{agency.ToLowerInvariant()}.{role}";

    /// <summary>Adds a person entry owned by <paramref name="owner"/>; returns it.</summary>
    public static async Task<WatchlistEntry> AddEntryAsync(IServiceProvider services, string owner, string? arabic, string? latin, string? birthDate, string sharedWith = "")
    {
        await using AsyncServiceScope scope = services.CreateAsyncScope();
        MaabarDbContext db = scope.ServiceProvider.GetRequiredService<MaabarDbContext>();
        var entry = new WatchlistEntry { OwnerAgency = owner, Reference = "REF-" + Guid.NewGuid().ToString("N")[..12], Category = WatchlistCategory.RefuseEntry, SharedWith = sharedWith, CreatedUtc = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime };
        entry.SetNames(arabic, latin);
        if (birthDate is not null && PartialDate.TryParse(birthDate, out PartialDate date) is null)
        {
            entry.BirthDate = date;
        }

        db.WatchlistEntries.Add(entry);
        await db.SaveChangesAsync();
        return entry;
    }

    /// <summary>Eight unique upper-case letters, for names that must fit an MRZ (letters only, no digits).</summary>
    public static string UniqueLetters() => new([.. Guid.NewGuid().ToString("N")[..8].Select(c => (char)('A' + (Convert.ToInt32(c.ToString(), 16) % 26)))]);

    /// <summary>A unique Latin name, so a test's traveller never collides with another test's entries.</summary>
    public static string UniqueLatinName(string given = "Test") => $"{given} Q{Guid.NewGuid():N}"[..30];

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join(", ", result.Errors.Select(e => e.Code)));
        }
    }
}
