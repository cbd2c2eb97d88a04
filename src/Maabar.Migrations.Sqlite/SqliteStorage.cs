using Maabar.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Maabar.Migrations.Sqlite;

/// <summary>Configures <see cref="MaabarDbContext"/> for SQLite with the migrations of this assembly.</summary>
public static class SqliteStorage
{
    public static DbContextOptionsBuilder UseMaabarSqlite(this DbContextOptionsBuilder builder, string connectionString) =>
        builder.UseSqlite(connectionString, sqlite => sqlite.MigrationsAssembly(typeof(SqliteStorage).Assembly.GetName().Name));
}

/// <summary>Used by <c>dotnet ef migrations add</c> only; no database is opened.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<MaabarDbContext>
{
    public MaabarDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<MaabarDbContext>();
        builder.UseMaabarSqlite("Data Source=design-time.db");
        return new MaabarDbContext(builder.Options);
    }
}
