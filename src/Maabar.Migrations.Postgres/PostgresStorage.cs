using Maabar.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Maabar.Migrations.Postgres;

/// <summary>Configures <see cref="MaabarDbContext"/> for PostgreSQL with the migrations of this assembly.</summary>
public static class PostgresStorage
{
    public static DbContextOptionsBuilder UseMaabarPostgres(this DbContextOptionsBuilder builder, string connectionString) =>
        builder.UseNpgsql(connectionString, npgsql => npgsql.MigrationsAssembly(typeof(PostgresStorage).Assembly.GetName().Name));
}

/// <summary>Used by <c>dotnet ef migrations add</c> only; no database is opened.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<MaabarDbContext>
{
    public MaabarDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<MaabarDbContext>();
        builder.UseMaabarPostgres("Host=localhost;Database=maabar_design");
        return new MaabarDbContext(builder.Options);
    }
}
