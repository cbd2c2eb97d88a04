using System.ComponentModel.DataAnnotations;

namespace Maabar.Hosting;

public enum StorageProvider
{
    Sqlite,
    Postgres,
}

/// <summary>Where the node keeps its data. Section <c>Storage</c>.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary><c>Sqlite</c> (default, zero setup) or <c>Postgres</c>.</summary>
    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    /// <summary>Connection string. For SQLite, defaults to <c>Data Source={DataDirectory}/maabar.db</c>; required for PostgreSQL.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// PostgreSQL only, optional: a connection string for the role that owns the schema. When set, migrations run
    /// with it, and the role of <see cref="ConnectionString"/> (which must be another role) is granted data rights
    /// only: it reads and writes the tables, but can only insert and read the audit trail and its checkpoints, and
    /// cannot change the schema. When unset, one role does everything (simpler, weaker).
    /// </summary>
    public string? MigrationConnectionString { get; set; }

    /// <summary>Folder for the SQLite file, data-protection keys and the bootstrap credentials file; relative to the content root.</summary>
    [Required]
    public string DataDirectory { get; set; } = "data";
}

/// <summary>Which agency this node is. Section <c>Node</c>.</summary>
public sealed class NodeOptions
{
    public const string SectionName = "Node";

    /// <summary>The node's agency code (alpha-3), e.g. <c>TUN</c>.</summary>
    [Required]
    [RegularExpression("^[A-Z]{3}$")]
    public string Agency { get; set; } = "TUN";

    /// <summary>IANA time zone that the UI shows times in; default <c>Africa/Tunis</c>.</summary>
    [Required]
    public string TimeZone { get; set; } = "Africa/Tunis";
}
