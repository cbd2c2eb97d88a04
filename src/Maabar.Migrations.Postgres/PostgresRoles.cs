#nullable enable

using System.Text.RegularExpressions;
using Maabar.Core.Data;
using Maabar.Domain;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Maabar.Migrations.Postgres;

/// <summary>
/// Two PostgreSQL roles for one node: the schema's owner runs the migrations; the server's role gets data rights
/// only. The server's role can insert and read the audit trail and its checkpoints but neither change nor delete
/// a row of them, nor truncate them, nor alter any table (it owns none): an insider with the server's
/// credentials cannot rewrite history, and one with the owner's is caught by <c>maabar audit verify</c>.
/// </summary>
public static partial class PostgresRoles
{
    /// <summary>The role a connection string signs in as.</summary>
    public static string UserOf(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString).Username
        ?? throw new InvalidOperationException("The PostgreSQL connection string names no user (Username=…).");

    /// <summary>True when both connection strings name a user and the users differ.</summary>
    public static bool AreDistinct(string application, string owner)
    {
        string? app = new NpgsqlConnectionStringBuilder(application).Username;
        string? own = new NpgsqlConnectionStringBuilder(owner).Username;
        return app is not null && own is not null && !string.Equals(app, own, StringComparison.Ordinal);
    }

    /// <summary>
    /// Grants <paramref name="role"/> the server's rights on every table of the schema, as the owner connected by
    /// <paramref name="ownerDb"/>. Run after every migration: tables added since get the same rights.
    /// </summary>
    public static async Task GrantApplicationRoleAsync(MaabarDbContext ownerDb, string role, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ownerDb);
        if (!PlainIdentifier().IsMatch(role))
        {
            // Quoting would make any name safe, but a role name with spaces or quotes is a configuration mistake.
            throw new InvalidOperationException("The server's PostgreSQL role must be a plain name (letters, digits, underscore).");
        }

        string schema = ownerDb.Model.GetDefaultSchema() ?? "public";
        string[] appendOnly =
        [
            Table(ownerDb, typeof(AuditEntry)),
            Table(ownerDb, typeof(AuditCheckpoint)),
        ];
        string history = Quote(schema) + "." + Quote("__EFMigrationsHistory");
        string sql = $"""
            GRANT USAGE ON SCHEMA {Quote(schema)} TO {Quote(role)};
            GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {Quote(schema)} TO {Quote(role)};
            GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {Quote(schema)} TO {Quote(role)};
            REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON {history} FROM {Quote(role)};
            REVOKE UPDATE, DELETE, TRUNCATE ON {string.Join(", ", appendOnly)} FROM {Quote(role)};
            """;
        await ownerDb.Database.ExecuteSqlRawAsync(sql, cancellationToken);
    }

    private static string Table(MaabarDbContext db, Type entity)
    {
        Microsoft.EntityFrameworkCore.Metadata.IEntityType type = db.Model.FindEntityType(entity)
            ?? throw new InvalidOperationException($"{entity.Name} is not in the model.");
        return Quote(type.GetSchema() ?? db.Model.GetDefaultSchema() ?? "public") + "." + Quote(type.GetTableName()!);
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,62}$")]
    private static partial Regex PlainIdentifier();
}
