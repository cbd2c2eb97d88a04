using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Maabar.Core.Data;
using Maabar.Core.Features.Screening;
using Maabar.Core.Features.Documents;
using Maabar.Core.Features.Federation;
using Maabar.Documents.Mrz;
using Maabar.Domain;
using Microsoft.EntityFrameworkCore;

namespace Maabar.Core.Features.Passages;

/// <summary>A passage as submitted by an officer or an API client. Every field is raw input.</summary>
public sealed record RecordPassageRequest(
    string? CrossingId,
    string? Lane,
    string? Direction,
    IdentityInput? Identity,
    string? Mrz,
    string? IdempotencyKey = null,
    string? VehiclePlate = null,
    string? VehicleCountry = null,
    string? Category = null);

/// <summary>The closed set of outcomes of <see cref="RecordPassage"/>.</summary>
public enum RecordPassageOutcome
{
    Recorded,
    Replayed,
    Invalid,
    CrossingUnknown,
    LaneUnknown,
    LaneClosed,
    NotAdmitted,
    IdempotencyKeyReused,
    MrzInvalid,
}

/// <summary>What <see cref="RecordPassage"/> did.</summary>
/// <param name="Outcome">The outcome.</param>
/// <param name="Passage">The passage, when recorded or replayed.</param>
/// <param name="Errors">The problems, when refused.</param>
/// <param name="Mrz">The parsed zone when the outcome is <see cref="RecordPassageOutcome.MrzInvalid"/>.</param>
/// <param name="Admitted">The categories the lane admits when the outcome is <see cref="RecordPassageOutcome.NotAdmitted"/>.</param>
public sealed record RecordPassageResult(RecordPassageOutcome Outcome, PassageView? Passage = null, IReadOnlyList<ValidationError>? Errors = null, MrzResult? Mrz = null, IReadOnlyList<string>? Admitted = null);

/// <summary>
/// Records one passage at a lane: reads the MRZ when one was scanned (it fills the identity, or the fields
/// the officer left blank), validates the identity, finds or creates the traveller, screens them
/// against the watchlist entries the agency may see, and stores passage, hits and audit rows in one
/// transaction. A repeat with the same <c>Idempotency-Key</c> returns the first result and writes nothing.
/// </summary>
public sealed class RecordPassage(MaabarDbContext db, TimeProvider clock, NodeCalendar calendar, WatchlistIndex watchlist, Outbox outbox)
{
    /// <summary>Longest raw MRZ accepted: three TD1 lines of 30 or two lines of 44, with separators and room for stray spaces.</summary>
    public const int MaxMrzLength = 200;

    public const int MaxIdempotencyKeyLength = 100;

    public async Task<RecordPassageResult> HandleAsync(Actor actor, RecordPassageRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(request);
        DateTime nowUtc = clock.GetUtcNow().UtcDateTime;
        var errors = new List<ValidationError>();

        string? key = request.IdempotencyKey;
        if (key is not null && (key.Length is 0 or > MaxIdempotencyKeyLength || key.Any(c => c is < '!' or > '~')))
        {
            errors.Add(new ValidationError(ErrorCodes.IdempotencyKeyInvalid, "Idempotency-Key"));
        }

        if (string.IsNullOrWhiteSpace(request.CrossingId))
        {
            errors.Add(new ValidationError(ErrorCodes.Required, "crossingId"));
        }

        if (string.IsNullOrWhiteSpace(request.Lane))
        {
            errors.Add(new ValidationError(ErrorCodes.Required, "lane"));
        }

        PassageDirection? direction = request.Direction?.Trim().ToUpperInvariant() switch
        {
            "ENTRY" => PassageDirection.Entry,
            "EXIT" => PassageDirection.Exit,
            _ => null,
        };
        if (direction is null)
        {
            errors.Add(new ValidationError(request.Direction is null ? ErrorCodes.Required : ErrorCodes.DirectionInvalid, "direction"));
        }

        string? plate = string.IsNullOrWhiteSpace(request.VehiclePlate) ? null
            : string.Concat(request.VehiclePlate.Where(c => c is not (' ' or '-'))).ToUpperInvariant();
        if (plate is not null && (plate.Length > 20 || !plate.All(char.IsAsciiLetterOrDigit)))
        {
            errors.Add(new ValidationError(plate.Length > 20 ? ErrorCodes.TooLong : ErrorCodes.InvalidCharacters, "vehiclePlate"));
        }

        string? plateCountry = string.IsNullOrWhiteSpace(request.VehicleCountry) ? null : request.VehicleCountry.Trim().ToUpperInvariant();
        if (plateCountry is not null && Maabar.Documents.CountryCodes.Classify(plateCountry) == Maabar.Documents.CountryCodeKind.Unknown)
        {
            errors.Add(new ValidationError(ErrorCodes.CountryCodeInvalid, "vehicleCountry"));
        }

        string? category = CrossingRules.ParseCategory(request.Category, out bool categoryValid);
        if (!categoryValid)
        {
            errors.Add(new ValidationError(ErrorCodes.TravellerCategoryInvalid, "category"));
        }

        DateOnly today = calendar.DayOf(nowUtc);
        MrzResult? mrz = null;
        if (!string.IsNullOrWhiteSpace(request.Mrz))
        {
            if (request.Mrz.Length > MaxMrzLength)
            {
                errors.Add(new ValidationError(ErrorCodes.TooLong, "mrz"));
            }
            else
            {
                mrz = MrzParser.Parse(request.Mrz, today);
                if (!mrz.IsValid)
                {
                    errors.Add(new ValidationError(ErrorCodes.MrzInvalid, "mrz"));
                    return new RecordPassageResult(RecordPassageOutcome.MrzInvalid, Errors: errors, Mrz: mrz);
                }
            }
        }

        IdentityInput? input = mrz is null ? request.Identity : MrzIdentity.Fill(request.Identity, mrz);
        TravellerIdentity? identity = null;
        if (input is null)
        {
            errors.Add(new ValidationError(ErrorCodes.IdentityRequired, "identity"));
        }
        else
        {
            IdentityValidation validation = IdentityRules.Validate(input, today);
            errors.AddRange(validation.Errors);
            identity = validation.Identity;
            if (identity is not null && mrz is not null && string.IsNullOrWhiteSpace(request.Identity?.FullNameLatin))
            {
                // The Latin name is the MRZ's: if it filled its field it may be cut short.
                identity = identity with { LatinNameTruncated = mrz.NameTruncated };
            }
        }

        if (errors.Count > 0)
        {
            return new RecordPassageResult(RecordPassageOutcome.Invalid, Errors: errors);
        }

        string? requestHash = key is null ? null : Hash(request);
        if (key is not null)
        {
            RecordPassageResult? replay = await ReplayAsync(actor, key, requestHash!, cancellationToken);
            if (replay is not null)
            {
                return replay;
            }
        }

        for (int attempt = 1; ; attempt++)
        {
            try
            {
                return await RecordAsync(actor, request, key, requestHash, direction, plate, plateCountry, category, mrz, identity, nowUtc, today, cancellationToken);
            }
            catch (DbUpdateException) when (attempt < MaxAttempts)
            {
                // A concurrent request won a race on a unique index: the same Idempotency-Key (answer with its
                // result), or the first passage of the same new passport (the next attempt finds its traveller).
                db.ChangeTracker.Clear();
                if (key is not null && await ReplayAsync(actor, key, requestHash!, cancellationToken) is { } replay)
                {
                    return replay;
                }
            }
        }
    }

    /// <summary>
    /// How many times a passage is tried: a concurrent passage with the same new passport or the same key makes an
    /// attempt fail on a unique index once; the next attempt reads what that one wrote.
    /// </summary>
    private const int MaxAttempts = 3;

    private async Task<RecordPassageResult> RecordAsync(
        Actor actor, RecordPassageRequest request, string? key, string? requestHash, PassageDirection? direction, string? plate, string? plateCountry,
        string? category, MrzResult? mrz, TravellerIdentity? identity, DateTime nowUtc, DateOnly today, CancellationToken cancellationToken)
    {
        string crossingId = request.CrossingId!.Trim();
        CrossingPoint? crossing = await db.CrossingPoints.AsNoTracking()
            .Include(c => c.Lanes.Where(l => l.Agency == actor.Agency))
            .SingleOrDefaultAsync(c => c.Id == crossingId, cancellationToken);
        if (crossing is null || crossing.Lanes.Count == 0)
        {
            // A crossing without lanes of this agency is reported exactly like one that does not exist.
            return new RecordPassageResult(RecordPassageOutcome.CrossingUnknown, Errors: [new ValidationError(ErrorCodes.CrossingUnknown, "crossingId")]);
        }

        Lane? lane = crossing.Lanes.SingleOrDefault(l => string.Equals(l.Code, request.Lane!.Trim(), StringComparison.OrdinalIgnoreCase));
        if (lane is null)
        {
            return new RecordPassageResult(RecordPassageOutcome.LaneUnknown, Errors: [new ValidationError(ErrorCodes.LaneUnknown, "lane")]);
        }

        if (lane.Direction is { } laneDirection && laneDirection != direction)
        {
            return new RecordPassageResult(RecordPassageOutcome.LaneUnknown, Errors: [new ValidationError(ErrorCodes.DirectionLaneMismatch, "direction")]);
        }

        CrossingSideStatus? ownSide = await db.CrossingSideStatuses.AsNoTracking()
            .SingleOrDefaultAsync(s => s.CrossingPointId == crossing.Id && s.Agency == actor.Agency, cancellationToken);
        if (lane.Status == CrossingStatus.Closed || crossing.Status == CrossingStatus.Closed || ownSide?.Status == CrossingStatus.Closed)
        {
            return new RecordPassageResult(RecordPassageOutcome.LaneClosed, Errors: [new ValidationError(ErrorCodes.LaneClosed, "lane")]);
        }

        // A restricted or humanitarian-only side or lane lets through only the categories it admits.
        IReadOnlySet<string>? admitted = CrossingRules.Admitted(ownSide?.Status ?? crossing.Status, ownSide?.AllowedCategories, lane.Status);
        if (admitted is not null && (category is null || !admitted.Contains(category)))
        {
            return new RecordPassageResult(RecordPassageOutcome.NotAdmitted, Errors: [new ValidationError(ErrorCodes.CategoryNotAdmitted, "category")],
                Admitted: [.. CrossingRules.Categories.Where(admitted.Contains)]);
        }

        (Traveller traveller, bool created) = await FindOrCreateTravellerAsync(actor, identity!, nowUtc, cancellationToken);

        // The MRZ's own name order is screened only when the Latin name came from it.
        MrzName? mrzName = mrz is not null && string.IsNullOrWhiteSpace(request.Identity?.FullNameLatin) ? new MrzName(mrz.Surname, mrz.GivenNames, mrz.NameTruncated) : null;
        var presented = new Presented(identity!.Document?.Number, identity.Document?.IssuingState, plate, plateCountry);
        IReadOnlyList<ScreeningMatch> matches = await MaabarMetrics.TimeScreeningAsync(() => watchlist.ScreenAsync(db, traveller, identity.Document?.Number, actor.Agency, mrzName, cancellationToken, presented, today));

        // A namesake cleared before, presenting the same document and date of birth, is not stopped again
        // for the same entry version: the hit is kept (suppressed) with the clearance that covered it.
        Dictionary<Guid, Clearance> covering = await CoveringClearancesAsync(matches, identity.Document, traveller.BirthDate, actor.Agency, cancellationToken);

        var passage = new Passage
        {
            Agency = actor.Agency,
            CrossingPointId = crossing.Id,
            LaneId = lane.Id,
            Direction = direction!.Value,
            TravellerId = traveller.Id,
            OfficerId = actor.UserId,
            RecordedUtc = nowUtc,
            Decision = matches.All(m => covering.ContainsKey(m.Entry.Id)) ? PassageDecision.Cleared : PassageDecision.Referred,
            DocumentNumber = identity.Document?.Number,
            VehiclePlate = plate,
            VehicleCountry = plateCountry,
            RawMrz = mrz is null ? null : string.Join('\n', mrz.Lines),
            Category = category,
        };
        foreach (ScreeningMatch match in matches)
        {
            Clearance? clearance = covering.GetValueOrDefault(match.Entry.Id);
            passage.Hits.Add(new Hit
            {
                PassageId = passage.Id,
                WatchlistEntryId = match.Entry.Id,
                EntryVersion = match.Entry.Version,
                Score = match.Score,
                Band = match.Band,
                Explanation = ScreeningDescriptions.Store(match.Explanation),
                CreatedUtc = nowUtc,
                Status = clearance is null ? HitStatus.Open : HitStatus.Suppressed,
                ClearanceId = clearance?.Id,
                Clearance = clearance,
            });
            if (clearance is not null)
            {
                db.Audit(actor, nowUtc, AuditActions.ClearanceUsed, "clearance", clearance.Id.ToString(), "passage.record",
                    string.Create(CultureInfo.InvariantCulture, $"passage={passage.Id};entry={match.Entry.Id}"));
            }
        }

        db.Passages.Add(passage);

        // A partner's entry hit at our crossing: the owner is told (SIRENE G form), in this transaction.
        foreach (Hit hit in passage.Hits.Where(h => h.Status == HitStatus.Open))
        {
            WatchlistEntry entry = matches.First(m => m.Entry.Id == hit.WatchlistEntryId).Entry;
            if (entry.OwnerAgency != actor.Agency)
            {
                // Minimal data across the border: who the traveller is goes only after a decision, or on the owner's request.
                bool identityNow = outbox.SharesIdentityAtReferral(entry.OwnerAgency);
                outbox.Enqueue(entry.OwnerAgency, MessageTypes.HitNotification, new HitNotificationPayload(
                    hit.Id, entry.Id, entry.Reference, entry.Version, crossing.Id, nowUtc, identityNow ? hit.Score : null, hit.Band,
                    identityNow ? Snapshots.Of(traveller, identity.Document) : null, HitActions.Referred), nowUtc);
            }
        }

        if (created)
        {
            db.Audit(actor, nowUtc, AuditActions.TravellerCreated, "traveller", traveller.Id.ToString(), "passage.record");
        }

        db.Audit(actor, nowUtc, AuditActions.ScreeningPerformed, "passage", passage.Id.ToString(), "passage.record",
            string.Create(CultureInfo.InvariantCulture, $"entries={watchlist.Count};hits={matches.Count}"));
        db.Audit(actor, nowUtc, AuditActions.PassageRecorded, "passage", passage.Id.ToString(), "passage.record",
            string.Create(CultureInfo.InvariantCulture, $"decision={passage.Decision};crossing={crossing.Id};lane={lane.Code}"));

        // The answer shows each listed person hit beside the traveller: a read of each entry.
        foreach (Guid entryId in passage.Hits.Where(h => h.Status != HitStatus.Suppressed).Select(h => h.WatchlistEntryId).Distinct())
        {
            db.Audit(actor, nowUtc, AuditActions.WatchlistEntryRead, "watchlist-entry", entryId.ToString(), "passage.record");
        }
        if (key is not null)
        {
            db.IdempotencyRecords.Add(new IdempotencyRecord { UserId = actor.UserId, Key = key, RequestHash = requestHash!, PassageId = passage.Id, CreatedUtc = nowUtc });
        }

        await db.SaveChangesAsync(cancellationToken);
        var entries = matches.ToDictionary(m => m.Entry.Id, m => m.Entry);
        return new RecordPassageResult(RecordPassageOutcome.Recorded, PassageMapping.ToView(passage, traveller, lane, passage.Hits, entries));
    }

    private async Task<Dictionary<Guid, Clearance>> CoveringClearancesAsync(IReadOnlyList<ScreeningMatch> matches, TravelDocumentInfo? document, PartialDate? birthDate, string screeningAgency, CancellationToken cancellationToken)
    {
        var covering = new Dictionary<Guid, Clearance>();
        if (matches.Count == 0 || document is null)
        {
            return covering;
        }

        Guid[] entryIds = [.. matches.Select(m => m.Entry.Id)];
        List<Clearance> candidates = await db.Clearances
            .Where(c => c.DocumentNumber == document.Number && c.IssuingState == document.IssuingState && c.RevokedUtc == null && entryIds.Contains(c.WatchlistEntryId))
            .ToListAsync(cancellationToken);
        foreach (ScreeningMatch match in matches)
        {
            // A partner's clearance on an entry it does not own is a proposal until the owner accepts it.
            Clearance? clearance = candidates.FirstOrDefault(c => c.IsHonouredBy(match.Entry, screeningAgency) && c.Covers(match.Entry, document.Number, document.IssuingState, birthDate));
            if (clearance is not null)
            {
                covering[match.Entry.Id] = clearance;
            }
        }

        return covering;
    }

    private async Task<RecordPassageResult?> ReplayAsync(Actor actor, string key, string requestHash, CancellationToken cancellationToken)
    {
        IdempotencyRecord? record = await db.IdempotencyRecords.AsNoTracking()
            .SingleOrDefaultAsync(r => r.UserId == actor.UserId && r.Key == key, cancellationToken);
        if (record is null)
        {
            return null;
        }

        if (record.RequestHash != requestHash)
        {
            return new RecordPassageResult(RecordPassageOutcome.IdempotencyKeyReused, Errors: [new ValidationError(ErrorCodes.IdempotencyKeyReused, "Idempotency-Key")]);
        }

        Passage passage = await db.Passages.WithDetails().SingleAsync(p => p.Id == record.PassageId, cancellationToken);

        // A replay shows the whole passage again: it is a read of the passage, the traveller and each entry hit.
        GetPassage.AuditRead(db, actor, clock.GetUtcNow().UtcDateTime, passage, "passage.replay");
        await db.SaveChangesAsync(cancellationToken);
        return new RecordPassageResult(RecordPassageOutcome.Replayed, PassageMapping.ToView(passage));
    }

    /// <summary>
    /// The traveller of <paramref name="agency"/> who presented this document before, with their documents. The
    /// document is found by the unique index (agency, issuing state, number) and the traveller by its key, so the
    /// cost does not grow with the number of travellers.
    /// </summary>
    internal static IQueryable<Traveller> TravellerByDocument(MaabarDbContext db, string agency, string issuingState, string number) =>
        db.Travellers
            .Where(t => db.TravelDocuments
                .Where(d => d.Agency == agency && d.IssuingState == issuingState && d.Number == number)
                .Select(d => d.TravellerId)
                .Contains(t.Id))
            .Include(t => t.Documents);

    private async Task<(Traveller Traveller, bool Created)> FindOrCreateTravellerAsync(Actor actor, TravellerIdentity identity, DateTime nowUtc, CancellationToken cancellationToken)
    {
        if (identity.Document is { } doc)
        {
            // The same document of the same issuer, seen before by this agency, is the same traveller.
            Traveller? known = await TravellerByDocument(db, actor.Agency, doc.IssuingState, doc.Number).FirstOrDefaultAsync(cancellationToken);
            if (known is not null)
            {
                known.Apply(identity);
                TravelDocument stored = known.Documents.First(d => d.IssuingState == doc.IssuingState && d.Number == doc.Number);
                stored.ExpiryDate = doc.ExpiryDate ?? stored.ExpiryDate;
                return (known, false);
            }
        }

        var traveller = Traveller.FromIdentity(actor.Agency, identity, nowUtc);
        if (identity.Document is { } d)
        {
            traveller.Documents.Add(new TravelDocument { TravellerId = traveller.Id, Agency = actor.Agency, Type = d.Type, Number = d.Number, IssuingState = d.IssuingState, ExpiryDate = d.ExpiryDate });
        }

        db.Travellers.Add(traveller);
        return (traveller, true);
    }

    private static string Hash(RecordPassageRequest request)
    {
        byte[] json = JsonSerializer.SerializeToUtf8Bytes(request with { IdempotencyKey = null });
        return Convert.ToHexString(SHA256.HashData(json));
    }
}
