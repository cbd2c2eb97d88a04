using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Maabar.Core.Data;
using Maabar.Domain;
using Maabar.Names;
using Maabar.Server.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Maabar.Server.Seeding;

/// <summary>
/// Development demo data, seeded once into an empty database: both agencies' users, the crossing points
/// of <c>shared/data/geo/crossings.json</c> with lanes, a few watchlist entries, synthetic travellers with
/// Tunisian and Libyan names in both scripts, and their passages (screened with the node's rule).
/// </summary>
internal sealed class DemoSeeder(
    MaabarDbContext db,
    UserManager<MaabarUser> users,
    IOptions<DemoOptions> options,
    CredentialsFile credentials,
    IWebHostEnvironment environment,
    TimeProvider clock,
    ILogger<DemoSeeder> logger)
{
    public static readonly string[] Agencies = [AgencyCode.Tunisia, AgencyCode.Libya];

    private static readonly JsonSerializerOptions WebJson = new(JsonSerializerDefaults.Web);

    private static readonly (string Short, string Role)[] DemoRoles =
    [
        ("officer", Roles.Officer), ("supervisor", Roles.Supervisor), ("liaison", Roles.LiaisonOfficer),
        ("analyst", Roles.Analyst), ("committee", Roles.CommitteeMember), ("admin", Roles.Administrator),
    ];

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        DemoOptions demo = options.Value;
        if (!demo.Enabled || await db.CrossingPoints.AnyAsync(cancellationToken))
        {
            return;
        }

        string crossingsPath = Path.GetFullPath(demo.CrossingsFile ?? "../../../shared/data/geo/crossings.json", environment.ContentRootPath);
        if (!File.Exists(crossingsPath))
        {
            Log.DemoCrossingsMissing(logger, crossingsPath);
            return;
        }

        var stopwatch = Stopwatch.StartNew();
        DateTime nowUtc = clock.GetUtcNow().UtcDateTime;
        List<CrossingPoint> crossings = ReadCrossings(crossingsPath);
        db.CrossingPoints.AddRange(crossings);
        await db.SaveChangesAsync(cancellationToken);

        Dictionary<string, MaabarUser> officers = await SeedUsersAsync(demo, nowUtc);

        DemoPeople people = ReadPeople();
        var entries = people.Watchlist.Select(w =>
        {
            var entry = new WatchlistEntry
            {
                OwnerAgency = w.Owner,
                Reference = w.Reference,
                Category = Enum.Parse<WatchlistCategory>(w.Category),
                Nationality = w.Nationality,
                SharedWith = w.SharedWith,
                CreatedUtc = nowUtc,
            };
            entry.SetNames(w.Arabic, w.Latin);
            entry.BirthDate = Parse(w.BirthDate);
            return entry;
        }).ToList();
        db.WatchlistEntries.AddRange(entries);

        var random = new Random(2026);
        var travellers = new List<Traveller>();
        var numbers = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < demo.Travellers; i++)
        {
            travellers.Add(MakeTraveller(people, random, Agencies[i % 2], nowUtc, numbers));
        }

        foreach (DemoNamesake n in people.Namesakes)
        {
            var t = new Traveller { Agency = n.Agency, CreatedUtc = nowUtc, Sex = n.Sex == "F" ? Sex.Female : Sex.Male, Nationality = n.Nationality, FatherName = n.Father, BirthDate = Parse(n.BirthDate) };
            t.SetNames(n.Arabic, n.Latin);
            t.Documents.Add(new TravelDocument { TravellerId = t.Id, Agency = t.Agency, Type = "P", Number = n.Document, IssuingState = n.Nationality, ExpiryDate = DateOnly.FromDateTime(nowUtc).AddYears(3) });
            travellers.Add(t);
        }

        db.Travellers.AddRange(travellers);
        List<Lane> lanes = crossings.SelectMany(c => c.Lanes).Where(l => l.CrossingPointId is "TN-LY-RASJEDIR" or "TN-LY-DEHIBA-WAZIN").ToList();
        int passageCount = 0;
        // Weighed as the server's index weighs them (the list teaches its frequent words), so the stored hits are its own.
        using NameIndex index = NameIndex.Build(entries.SelectMany(ScreeningDescriptions.Describe), frequencies: ScreeningDescriptions.LearnFrequencies(entries));
        var entryById = entries.ToDictionary(e => e.Id);
        foreach (Traveller traveller in travellers)
        {
            int visits = 1 + random.Next(2);
            DateTime[] times = [.. Enumerable.Range(0, visits).Select(_ => nowUtc.AddMinutes(-random.Next(1, 10 * 24 * 60))).Order()];
            var clearances = new Dictionary<Guid, Clearance>();
            foreach (DateTime recorded in times)
            {
                string crossingId = random.NextDouble() < 0.75 ? "TN-LY-RASJEDIR" : "TN-LY-DEHIBA-WAZIN";
                Lane[] candidates = [.. lanes.Where(l => l.Agency == traveller.Agency && l.CrossingPointId == crossingId && l.Mode != LaneMode.Truck)];
                Lane lane = candidates[random.Next(candidates.Length)];
                TravelDocument? document = traveller.Documents.FirstOrDefault();
                (PersonDescription person, IReadOnlyList<string> otherNames) = ScreeningDescriptions.Describe(traveller, document?.Number);
                IReadOnlyList<ScreeningMatch> matches = ScreeningDescriptions.Matches(index.Search(person, otherNames).Hits, entryById, traveller.Agency);
                var passage = new Passage
                {
                    Agency = traveller.Agency,
                    CrossingPointId = crossingId,
                    LaneId = lane.Id,
                    Direction = lane.Direction ?? PassageDirection.Entry,
                    TravellerId = traveller.Id,
                    OfficerId = officers[traveller.Agency].Id,
                    RecordedUtc = recorded,
                    Decision = matches.All(m => clearances.ContainsKey(m.Entry.Id)) ? PassageDecision.Cleared : PassageDecision.Referred,
                    DocumentNumber = document?.Number,

                    // The Libyan side of Dehiba-Wazin is restricted for the last nine days (see SeedCrisisPicture).
                    Category = traveller.Agency == AgencyCode.Libya && crossingId == "TN-LY-DEHIBA-WAZIN" && recorded >= nowUtc.AddDays(-9) ? "humanitarian" : null,
                };
                foreach (ScreeningMatch m in matches)
                {
                    var hit = new Hit { PassageId = passage.Id, WatchlistEntryId = m.Entry.Id, EntryVersion = m.Entry.Version, Score = m.Score, Band = m.Band, Explanation = ScreeningDescriptions.Store(m.Explanation), CreatedUtc = recorded };
                    if (clearances.TryGetValue(m.Entry.Id, out Clearance? earlier))
                    {
                        // The namesake cleared at an earlier crossing goes through: the repeat stop avoided.
                        hit.Status = HitStatus.Suppressed;
                        hit.ClearanceId = earlier.Id;
                    }
                    else if (recorded < nowUtc.AddDays(-1) && document is not null && traveller.BirthDate is not null)
                    {
                        // Older hits were decided at secondary: a namesake, documents checked, clearance issued.
                        DateTime decided = recorded.AddMinutes(3 + random.Next(25));
                        Adjudication.Decide(hit, HitOutcome.Negative, "Demo: passport and birth date checked", officers[traveller.Agency].Id, decided);
                        var clearance = Clearance.Issue(traveller.Agency, hit, m.Entry.Version, traveller, document, officers[traveller.Agency].Id, decided);
                        db.Clearances.Add(clearance);
                        hit.ClearanceId = clearance.Id;
                        clearances[m.Entry.Id] = clearance;
                    }

                    passage.Hits.Add(hit);
                }

                db.Passages.Add(passage);
                db.Audit(Core.Actor.System(traveller.Agency), nowUtc, AuditActions.PassageRecorded, "passage", passage.Id.ToString(), "demo.seed", "decision=" + passage.Decision);
                passageCount++;
            }
        }

        SeedCrisisPicture(nowUtc);
        await db.SaveChangesAsync(cancellationToken);
        Log.DemoSeeded(logger, crossings.Count, officers.Count * DemoRoles.Length, entries.Count, travellers.Count, passageCount, stopwatch.ElapsedMilliseconds);
    }

    /// <summary>
    /// A picture worth looking at: the Libyan side of Dehiba-Wazin restricted, two sectors assessed, incidents
    /// at several levels (the high one brought to the committee), and a committee meeting whose decision made
    /// that restriction, with an overdue action, an open one and a done one.
    /// </summary>
    private void SeedCrisisPicture(DateTime nowUtc)
    {
        const string dehiba = "TN-LY-DEHIBA-WAZIN";
        if (!db.CrossingPoints.Local.Any(c => c.Id == dehiba))
        {
            return;
        }

        DateTime restricted = nowUtc.AddDays(-9);
        var change = new CrossingStatusChange
        {
            CrossingPointId = dehiba, Agency = AgencyCode.Libya, Status = CrossingStatus.Restricted, Reason = "Demo: works on the Wazin gate, freight and humanitarian cases only",
            AllowedCategories = "freight,humanitarian", ChangedUtc = restricted, ExpectedReopeningUtc = nowUtc.AddDays(5).Date,
        };
        db.CrossingStatusChanges.Add(change);
        db.CrossingSideStatuses.Add(new CrossingSideStatus
        {
            CrossingPointId = dehiba, Agency = AgencyCode.Libya, Status = change.Status, Reason = change.Reason, SinceUtc = restricted,
            ExpectedReopeningUtc = change.ExpectedReopeningUtc, AllowedCategories = change.AllowedCategories,
        });
        db.SectorAssessments.Add(new SectorAssessment { SectorId = "TN-LY-S2", Agency = AgencyCode.Tunisia, Impact = ImpactLevel.Medium, Reason = "Demo: fuel smuggling routes active near Dehiba", SinceUtc = nowUtc.AddDays(-3) });
        db.SectorAssessments.Add(new SectorAssessment { SectorId = "TN-LY-S4", Agency = AgencyCode.Libya, Impact = ImpactLevel.High, Reason = "Demo: armed groups reported near Ghadames", SinceUtc = nowUtc.AddDays(-1) });

        Incident Add(string agency, IncidentType type, ImpactLevel impact, string? crossing, string? sector, double? lat, double? lon, string title, DateTime occurred, string? report, bool closed = false)
        {
            var incident = new Incident
            {
                Agency = agency, Type = type, Impact = impact, CrossingPointId = crossing, SectorId = sector, Latitude = lat, Longitude = lon, Title = title,
                OccurredUtc = occurred, RecordedUtc = occurred.AddMinutes(20), FirstReportDueUtc = occurred + IncidentRules.FirstReportWindow, ClosedUtc = closed ? occurred.AddHours(6) : null,
            };
            db.Incidents.Add(incident);
            if (report is not null)
            {
                db.IncidentReports.Add(new IncidentReport { IncidentId = incident.Id, Text = report, Agency = agency, WrittenUtc = occurred.AddHours(closed ? 6 : 3), Closes = closed });
            }

            return incident;
        }

        Add(AgencyCode.Tunisia, IncidentType.SmugglingSeizure, ImpactLevel.Medium, null, "TN-LY-S3", 31.2, 10.2, "Demo: fuel seized in the dunes", nowUtc.AddDays(-2), "Demo: 4,000 litres, two vehicles held");
        Add(AgencyCode.Libya, IncidentType.IrregularMigrationGroup, ImpactLevel.Low, null, "TN-LY-S2", 32.3, 11.2, "Demo: group of 14 intercepted", nowUtc.AddDays(-4), "Demo: handed to the migration service", closed: true);
        Incident congestion = Add(AgencyCode.Tunisia, IncidentType.Congestion, ImpactLevel.High, "TN-LY-RASJEDIR", "TN-LY-S1", null, null, "Demo: queue of 3 km at Ras Jedir", nowUtc.AddHours(-20), null);
        db.CommitteeNotices.Add(new CommitteeNotice { IncidentId = congestion.Id, Impact = congestion.Impact, CreatedUtc = congestion.RecordedUtc });

        var meeting = new CommitteeMeeting
        {
            OwnerAgency = AgencyCode.Tunisia, Title = "Demo: joint committee, 3rd session", Place = "Ben Guerdane", HeldUtc = nowUtc.AddDays(-10).Date.AddHours(9), RecordedUtc = nowUtc.AddDays(-10),
        };
        db.CommitteeMeetings.Add(meeting);
        db.MeetingParticipants.Add(new MeetingParticipant { MeetingId = meeting.Id, Agency = AgencyCode.Tunisia, Name = "Demo: director of border police" });
        db.MeetingParticipants.Add(new MeetingParticipant { MeetingId = meeting.Id, Agency = AgencyCode.Libya, Name = "Demo: head of Ras Ajdir port" });
        db.AgendaItems.Add(new AgendaItem { MeetingId = meeting.Id, Position = 1, Title = "Works at the Wazin gate" });
        db.AgendaItems.Add(new AgendaItem { MeetingId = meeting.Id, Position = 2, Title = "Namesake-burden report: the heaviest entries" });
        var restriction = new CommitteeDecision
        {
            MeetingId = meeting.Id, Kind = DecisionKind.CrossingStatus, Text = "Demo: Dehiba-Wazin restricted to freight and humanitarian cases during the works",
            CrossingPointId = dehiba, CrossingStatusChangeId = change.Id, RecordedUtc = meeting.HeldUtc,
        };
        db.CommitteeDecisions.Add(restriction);
        db.CommitteeDecisions.Add(new CommitteeDecision { MeetingId = meeting.Id, Kind = DecisionKind.ListReview, Text = "Demo: each side reviews its ten heaviest entries", RecordedUtc = meeting.HeldUtc.AddMinutes(40) });
        DateOnly today = DateOnly.FromDateTime(nowUtc);
        db.ActionItems.Add(new ActionItem { MeetingId = meeting.Id, Text = "Demo: add dates of birth to the ten heaviest entries", OwnerAgency = AgencyCode.Tunisia, DueDate = today.AddDays(-3), UpdatedUtc = meeting.HeldUtc });
        db.ActionItems.Add(new ActionItem { MeetingId = meeting.Id, DecisionId = restriction.Id, Text = "Demo: finish the works and report the reopening date", OwnerAgency = AgencyCode.Libya, DueDate = today.AddDays(5), UpdatedUtc = meeting.HeldUtc });
        db.ActionItems.Add(new ActionItem { MeetingId = meeting.Id, Text = "Demo: share the outage log of March", OwnerAgency = AgencyCode.Libya, DueDate = today.AddDays(-6), Status = ActionItemStatus.Done, Note = "Demo: sent", UpdatedUtc = nowUtc.AddDays(-7) });
    }

    private async Task<Dictionary<string, MaabarUser>> SeedUsersAsync(DemoOptions demo, DateTime nowUtc)
    {
        bool generated = string.IsNullOrEmpty(demo.Password);
        string password = generated ? CredentialsFile.GeneratePassword() : demo.Password!;
        var lines = new List<string> { $"# Maabar demo users (Development only), created {nowUtc.ToString("u", CultureInfo.InvariantCulture)}" };
        var officers = new Dictionary<string, MaabarUser>(StringComparer.Ordinal);
        foreach (string agency in Agencies)
        {
            foreach ((string shortName, string role) in DemoRoles)
            {
                string userName = $"{agency.ToLowerInvariant()}.{shortName}";
                var user = new MaabarUser { UserName = userName, Agency = agency, DisplayName = $"{agency} {shortName}", CreatedUtc = nowUtc };
                await Bootstrapper.Ensure(users.CreateAsync(user, password));
                await Bootstrapper.Ensure(users.AddToRoleAsync(user, role));
                lines.Add($"{userName}\t{(generated ? password : "(Demo:Password)")}\t{agency}\t{role}");
                if (role == Roles.Officer)
                {
                    officers[agency] = user;
                }
            }
        }

        credentials.Append(lines);
        return officers;
    }

    private static List<CrossingPoint> ReadCrossings(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var result = new List<CrossingPoint>();
        foreach (JsonElement c in document.RootElement.GetProperty("crossings").EnumerateArray())
        {
            string[] countries = [.. c.GetProperty("countries").EnumerateArray().Select(x => x.GetString()!)];
            var crossing = new CrossingPoint
            {
                Id = c.GetProperty("id").GetString()!,
                NameAr = c.GetProperty("name_ar").GetString()!,
                NameFr = c.GetProperty("name_fr").GetString()!,
                NameEn = c.GetProperty("name_en").GetString()!,
                Latitude = c.GetProperty("lat").GetDouble(),
                Longitude = c.GetProperty("lon").GetDouble(),
                Countries = string.Join(',', countries),
            };
            foreach (string agency in Agencies.Where(countries.Contains))
            {
                foreach ((string code, LaneMode mode, PassageDirection direction) in LanesFor(crossing.Id))
                {
                    crossing.Lanes.Add(new Lane { CrossingPointId = crossing.Id, Agency = agency, Code = code, Mode = mode, Direction = direction });
                }
            }

            result.Add(crossing);
        }

        return result;
    }

    /// <summary>Ras Jedir has four car lanes (two each way) since its 2024 reopening; Dehiba-Wazin is smaller; other posts have one each way.</summary>
    private static IEnumerable<(string Code, LaneMode Mode, PassageDirection Direction)> LanesFor(string crossingId) => crossingId switch
    {
        "TN-LY-RASJEDIR" =>
        [
            ("CAR-IN-1", LaneMode.Car, PassageDirection.Entry), ("CAR-IN-2", LaneMode.Car, PassageDirection.Entry),
            ("CAR-OUT-1", LaneMode.Car, PassageDirection.Exit), ("CAR-OUT-2", LaneMode.Car, PassageDirection.Exit),
            ("PED-IN", LaneMode.Pedestrian, PassageDirection.Entry), ("PED-OUT", LaneMode.Pedestrian, PassageDirection.Exit),
            ("TRUCK-IN", LaneMode.Truck, PassageDirection.Entry), ("TRUCK-OUT", LaneMode.Truck, PassageDirection.Exit),
        ],
        "TN-LY-DEHIBA-WAZIN" =>
        [
            ("CAR-IN", LaneMode.Car, PassageDirection.Entry), ("CAR-OUT", LaneMode.Car, PassageDirection.Exit),
            ("PED-IN", LaneMode.Pedestrian, PassageDirection.Entry), ("PED-OUT", LaneMode.Pedestrian, PassageDirection.Exit),
            ("TRUCK-IN", LaneMode.Truck, PassageDirection.Entry), ("TRUCK-OUT", LaneMode.Truck, PassageDirection.Exit),
        ],
        _ => [("CAR-IN", LaneMode.Car, PassageDirection.Entry), ("CAR-OUT", LaneMode.Car, PassageDirection.Exit)],
    };

    private static Traveller MakeTraveller(DemoPeople people, Random random, string agency, DateTime nowUtc, HashSet<string> numbers)
    {
        bool female = random.NextDouble() < 0.4;
        string nationality = random.NextDouble() < 0.6 ? agency : (agency == AgencyCode.Tunisia ? AgencyCode.Libya : AgencyCode.Tunisia);
        bool libyan = nationality == AgencyCode.Libya;
        string[] given = Pick(female ? people.GivenFemale : people.GivenMale, random);
        string[] father = Pick(people.GivenMale, random);
        string[] grandfather = Pick(people.GivenMale, random);
        string[] family = Pick(people.Family, random);
        string[] mother = Pick(people.GivenFemale, random);
        string[] motherFamily = Pick(people.Family, random);
        int spelling = libyan ? 2 : 1;

        // Libyan documents carry the four-part name (given, father, grandfather, family); Tunisian ones given and family name.
        string arabic = libyan ? $"{given[0]} {father[0]} {grandfather[0]} {family[0]}" : $"{given[0]} {family[0]}";
        string latin = libyan ? $"{given[spelling]} {father[spelling]} {grandfather[spelling]} {family[spelling]}" : $"{given[spelling]} {family[spelling]}";
        var birth = new DateOnly(1950 + random.Next(58), 1 + random.Next(12), 1 + random.Next(28));
        var traveller = new Traveller
        {
            Agency = agency,
            CreatedUtc = nowUtc,
            Sex = female ? Sex.Female : Sex.Male,
            Nationality = nationality,
            FatherName = father[0],
            GrandfatherName = libyan ? grandfather[0] : null,
            MotherName = $"{mother[0]} {motherFamily[0]}",
            BirthDate = PartialDate.FromDate(birth),
        };
        traveller.SetNames(arabic, latin);
        // A passport number is one traveller's per agency (a unique index): a number drawn twice is drawn again.
        string number;
        do
        {
            number = (libyan ? "LY" : "X") + random.Next(1_000_000, 9_999_999).ToString(CultureInfo.InvariantCulture);
        }
        while (!numbers.Add(agency + number));
        traveller.Documents.Add(new TravelDocument { TravellerId = traveller.Id, Agency = traveller.Agency, Type = "P", Number = number, IssuingState = nationality, ExpiryDate = DateOnly.FromDateTime(nowUtc).AddDays(random.Next(60, 3000)) });
        return traveller;
    }

    private static string[] Pick(string[][] list, Random random) => list[random.Next(list.Length)];

    private static PartialDate? Parse(string? text) => text is not null && PartialDate.TryParse(text, out PartialDate value) is null ? value : null;

    private static DemoPeople ReadPeople()
    {
        using Stream stream = typeof(DemoSeeder).Assembly.GetManifestResourceStream("Maabar.Server.Seeding.demo-people.json")
            ?? throw new InvalidOperationException("Embedded demo-people.json is missing.");
        return JsonSerializer.Deserialize<DemoPeople>(stream, WebJson)
            ?? throw new InvalidOperationException("demo-people.json is empty.");
    }

    private sealed record DemoPeople(string[][] GivenMale, string[][] GivenFemale, string[][] Family, DemoEntry[] Watchlist, DemoNamesake[] Namesakes);

    private sealed record DemoEntry(string Owner, string Reference, string Category, string Arabic, string Latin, string? BirthDate, string Nationality, string SharedWith);

    private sealed record DemoNamesake(string Agency, string Arabic, string Latin, string BirthDate, string Sex, string Nationality, string Father, string Document);
}
