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
    public static Clearance Issue(string agency, Hit hit, int entryVersion, Traveller traveller, TravelDocument document, Guid issuedBy, DateTime issuedUtc)
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
        };
    }

    /// <summary>True while not revoked.</summary>
    public bool IsValid => RevokedUtc is null;

    /// <summary>
    /// Whether this clearance stops <paramref name="entry"/> from alerting for a traveller presenting
    /// <paramref name="documentNumber"/> of <paramref name="issuingState"/> with <paramref name="birthDate"/>.
    /// It does not cover another entry, another version of the entry (names, dates of birth or documents
    /// changed), another document or date of birth, or a traveller who presents the listed person's own
    /// document number or date of birth: those alert.
    /// </summary>
    /// <param name="entry">The entry hit now, as stored now.</param>
    /// <param name="documentNumber">The document presented.</param>
    /// <param name="issuingState">Its issuing state.</param>
    /// <param name="birthDate">The traveller's date of birth as presented.</param>
    public bool Covers(WatchlistEntry entry, string? documentNumber, string? issuingState, PartialDate? birthDate)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (!IsValid || entry.Id != WatchlistEntryId || entry.Version != EntryVersion || documentNumber is null || issuingState is null)
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
        bool listedBirthDate = birthDate is { } presented && presented.IsComplete
            && (entry.BirthDate == presented || entry.OtherBirthDates.Contains(presented.ToString(), StringComparer.Ordinal));
        return !listedDocument && !listedBirthDate;
    }
}
