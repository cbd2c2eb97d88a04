namespace Maabar.Domain;

/// <summary>
/// A namesake clearance: the memory of a negative decision. It binds the traveller's identity (document
/// number and issuing state, date of birth; names kept as evidence) to one watchlist entry at one version,
/// and carries a number the traveller can show. See <see cref="Covers"/> for what it does and does not cover.
/// </summary>
public sealed class Clearance
{
    /// <summary>Identifier (UUIDv7).</summary>
    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>The number given to the traveller (see <see cref="ClearanceNumbers"/>).</summary>
    public required string Number { get; init; }

    /// <summary>The agency whose officer issued it.</summary>
    public required string Agency { get; init; }

    /// <summary>The hit whose negative decision issued it; null for a clearance a partner issued and notified.</summary>
    public Guid? HitId { get; init; }

    /// <summary>The traveller record it was issued for; null for a clearance a partner issued and notified.</summary>
    public Guid? TravellerId { get; init; }

    /// <summary>The entry the traveller is not.</summary>
    public Guid WatchlistEntryId { get; init; }

    /// <summary>The entry's version when cleared: a material change of the entry ends the cover.</summary>
    public int EntryVersion { get; init; }

    /// <summary>The document checked: its number as printed.</summary>
    public required string DocumentNumber { get; init; }

    /// <summary>The document's issuing state (alpha-3).</summary>
    public required string IssuingState { get; init; }

    /// <summary>The traveller's date of birth as checked.</summary>
    public PartialDate? BirthDate { get; init; }

    /// <summary>The traveller's name in Arabic script, as evidence.</summary>
    public string? FullNameArabic { get; init; }

    /// <summary>The traveller's name in Latin letters, as evidence.</summary>
    public string? FullNameLatin { get; init; }

    /// <summary>The issuing officer.</summary>
    public Guid IssuedBy { get; init; }

    /// <summary>When issued (UTC).</summary>
    public DateTime IssuedUtc { get; init; }

    /// <summary>When revoked (UTC), or null while it stands.</summary>
    public DateTime? RevokedUtc { get; set; }

    /// <summary>The supervisor who revoked it.</summary>
    public Guid? RevokedBy { get; set; }

    /// <summary>Why it was revoked.</summary>
    public string? RevocationReason { get; set; }

    /// <summary>
    /// When the entry's owner accepted this clearance (UTC). Set only for a partner's clearance on an entry this
    /// node owns: until then it is a proposal on the liaison desk and covers nothing here.
    /// </summary>
    public DateTime? AcceptedUtc { get; set; }

    /// <summary>The liaison officer or supervisor of the owner who accepted it.</summary>
    public Guid? AcceptedBy { get; set; }

    /// <summary>
    /// True when the clearance was issued under four eyes (an entry of a category that needs a supervisor's
    /// approval): it covers nothing until <see cref="ApprovedUtc"/> is set.
    /// </summary>
    public bool NeedsApproval { get; init; }

    /// <summary>When a supervisor other than the issuing officer approved it (UTC); null while pending.</summary>
    public DateTime? ApprovedUtc { get; set; }

    /// <summary>The approving supervisor; never <see cref="IssuedBy"/>.</summary>
    public Guid? ApprovedBy { get; set; }

    /// <summary>True while it waits for a second person's approval (not yet approved, not refused).</summary>
    public bool IsPendingApproval => NeedsApproval && ApprovedUtc is null && RevokedUtc is null;

    /// <summary>
    /// Whether a passage recorded by <paramref name="screeningAgency"/> may rely on this clearance for
    /// <paramref name="entry"/>: the entry's owner issued it, the screening agency's own officers issued it
    /// (their decision at their own post), or the owner accepted it. A partner's clearance on an entry it does
    /// not own is a proposal until then.
    /// </summary>
    /// <param name="entry">The entry hit.</param>
    /// <param name="screeningAgency">The agency recording the passage.</param>
    public bool IsHonouredBy(WatchlistEntry entry, string screeningAgency)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return string.Equals(Agency, entry.OwnerAgency, StringComparison.Ordinal)
            || string.Equals(Agency, screeningAgency, StringComparison.Ordinal)
            || AcceptedUtc is not null;
    }

    /// <summary>
    /// The clearance a negative decision on <paramref name="hit"/> issues: a new number, bound to the document
    /// the traveller presented, their date of birth (names as evidence), and the entry at <paramref name="entryVersion"/>.
    /// </summary>
    /// <param name="agency">The issuing agency.</param>
    /// <param name="hit">The hit decided negative.</param>
    /// <param name="entryVersion">The entry's version when decided.</param>
    /// <param name="traveller">The traveller.</param>
    /// <param name="document">The document presented and checked.</param>
    /// <param name="issuedBy">The deciding officer.</param>
    /// <param name="issuedUtc">When.</param>
    /// <param name="needsApproval">True when a supervisor other than <paramref name="issuedBy"/> must approve it before it covers anything.</param>
    public static Clearance Issue(string agency, Hit hit, int entryVersion, Traveller traveller, TravelDocument document, Guid issuedBy, DateTime issuedUtc, bool needsApproval = false)
    {
        ArgumentNullException.ThrowIfNull(hit);
        ArgumentNullException.ThrowIfNull(traveller);
        ArgumentNullException.ThrowIfNull(document);
        return new Clearance
        {
            Number = ClearanceNumbers.New(agency),
            Agency = agency,
            HitId = hit.Id,
            TravellerId = traveller.Id,
            WatchlistEntryId = hit.WatchlistEntryId,
            EntryVersion = entryVersion,
            DocumentNumber = document.Number,
            IssuingState = document.IssuingState,
            BirthDate = traveller.BirthDate,
            FullNameArabic = traveller.FullNameArabic,
            FullNameLatin = traveller.FullNameLatin,
            IssuedBy = issuedBy,
            IssuedUtc = issuedUtc,
            NeedsApproval = needsApproval,
        };
    }

    /// <summary>True while not revoked.</summary>
    public bool IsValid => RevokedUtc is null;

    /// <summary>
    /// Whether this clearance stops <paramref name="entry"/> from alerting for a traveller presenting
    /// <paramref name="documentNumber"/> of <paramref name="issuingState"/> with <paramref name="birthDate"/>.
    /// It does not cover another entry, another version of the entry (names, dates of birth or documents
    /// changed), another document or date of birth, or a traveller who presents the listed person's own
    /// document number or date of birth: those alert. A clearance waiting for a supervisor's approval covers
    /// nothing. A listed date known only to the year or month protects too: a traveller whose date of birth is
    /// no more precise than the listed one and agrees with it (e.g. "1961" against a listed "1961" or
    /// "1961-11") cannot be told from the listed person by it and is not covered. A complete date inside a
    /// listed year stays coverable: otherwise no namesake born that year could ever be cleared.
    /// </summary>
    /// <param name="entry">The entry hit now, as stored now.</param>
    /// <param name="documentNumber">The document presented.</param>
    /// <param name="issuingState">Its issuing state.</param>
    /// <param name="birthDate">The traveller's date of birth as presented.</param>
    public bool Covers(WatchlistEntry entry, string? documentNumber, string? issuingState, PartialDate? birthDate)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (!IsValid || IsPendingApproval || entry.Id != WatchlistEntryId || entry.Version != EntryVersion || documentNumber is null || issuingState is null)
        {
            return false;
        }

        if (!string.Equals(DocumentNumber, documentNumber, StringComparison.Ordinal)
            || !string.Equals(IssuingState, issuingState, StringComparison.Ordinal)
            || BirthDate != birthDate)
        {
            return false;
        }

        bool listedDocument = entry.Documents.Any(d => string.Equals(d.Number, documentNumber, StringComparison.OrdinalIgnoreCase));
        bool listedBirthDate = birthDate is { } presented && ListedBirthDates(entry).Any(listed => IsListedPersonsDate(presented, listed));
        return !listedDocument && !listedBirthDate;
    }

    /// <summary>
    /// True when <paramref name="presented"/> cannot be told from the listed date <paramref name="listed"/>: equal,
    /// or agreeing with it and no more precise (a year against a listed year or month or day, a month against a
    /// listed month or day).
    /// </summary>
    /// <param name="presented">The traveller's date of birth.</param>
    /// <param name="listed">One of the entry's dates of birth.</param>
    public static bool IsListedPersonsDate(PartialDate presented, PartialDate listed) =>
        presented == listed || (Precision(presented) <= Precision(listed) && presented.IsCompatibleWith(listed));

    private static int Precision(PartialDate date) => date.Day is not null ? 3 : date.Month is not null ? 2 : 1;

    private static IEnumerable<PartialDate> ListedBirthDates(WatchlistEntry entry)
    {
        if (entry.BirthDate is { } main)
        {
            yield return main;
        }

        foreach (string other in entry.OtherBirthDates)
        {
            if (PartialDate.TryParse(other, out PartialDate parsed) is null)
            {
                yield return parsed;
            }
        }
    }
}
