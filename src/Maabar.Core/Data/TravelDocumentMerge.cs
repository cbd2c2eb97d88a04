namespace Maabar.Core.Data;

/// <summary>
/// The data step of the migration that makes a travel document unique per agency (agency, issuing state, number),
/// shared by both providers' migrations (the same SQL runs on SQLite and PostgreSQL).
/// </summary>
/// <remarks>
/// A database written before the unique index may hold one passport under several travellers of one agency:
/// concurrent first passages with one new passport each created a traveller. They are merged, not refused: the
/// traveller created first is kept; the others' passages, clearances and other documents move to it; the repeated
/// document rows are removed, and a traveller left with nothing is removed. Audit rows are history and keep the ids
/// they named. Runs between adding the <c>Agency</c> column and creating the unique index, in the migration's transaction.
/// </remarks>
public static class TravelDocumentMerge
{
    /// <summary>The statements, in order.</summary>
    public static IReadOnlyList<string> Statements { get; } =
    [
        // The document's agency is its traveller's.
        """UPDATE "TravelDocuments" SET "Agency" = (SELECT t."Agency" FROM "Travellers" t WHERE t."Id" = "TravelDocuments"."TravellerId")""",

        // Each repeated document row, its traveller and the traveller kept for that document (created first).
        """
        CREATE TEMP TABLE "TravelDocumentMerges" AS
        WITH ranked AS (
            SELECT d."Id", d."TravellerId", d."Agency", d."IssuingState", d."Number",
                   ROW_NUMBER() OVER (PARTITION BY d."Agency", d."IssuingState", d."Number" ORDER BY t."CreatedUtc", t."Id") AS "Rank"
            FROM "TravelDocuments" d JOIN "Travellers" t ON t."Id" = d."TravellerId")
        SELECT r."Id" AS "DocumentId", r."TravellerId" AS "Duplicate", k."TravellerId" AS "Keeper"
        FROM ranked r
        JOIN ranked k ON k."Agency" = r."Agency" AND k."IssuingState" = r."IssuingState" AND k."Number" = r."Number" AND k."Rank" = 1
        WHERE r."Rank" > 1
        """,
        Move("Passages"),
        Move("Clearances"),
        """DELETE FROM "TravelDocuments" WHERE "Id" IN (SELECT "DocumentId" FROM "TravelDocumentMerges")""",
        Move("TravelDocuments"),
        """
        DELETE FROM "Travellers"
        WHERE "Id" IN (SELECT "Duplicate" FROM "TravelDocumentMerges" WHERE "Duplicate" <> "Keeper")
          AND NOT EXISTS (SELECT 1 FROM "Passages" p WHERE p."TravellerId" = "Travellers"."Id")
          AND NOT EXISTS (SELECT 1 FROM "Clearances" c WHERE c."TravellerId" = "Travellers"."Id")
          AND NOT EXISTS (SELECT 1 FROM "TravelDocuments" d WHERE d."TravellerId" = "Travellers"."Id")
        """,
        """DROP TABLE "TravelDocumentMerges" """,
    ];

    /// <summary>Points the rows of <paramref name="table"/> from a merged traveller to the one kept.</summary>
    private static string Move(string table) => $"""
        UPDATE "{table}" SET "TravellerId" = (
            SELECT m."Keeper" FROM "TravelDocumentMerges" m
            WHERE m."Duplicate" = "{table}"."TravellerId" AND m."Duplicate" <> m."Keeper" ORDER BY m."Keeper" LIMIT 1)
        WHERE "TravellerId" IN (SELECT "Duplicate" FROM "TravelDocumentMerges" WHERE "Duplicate" <> "Keeper")
        """;
}
