using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Maabar.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class BorderSectors : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "SectorId",
                table: "Incidents",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "SectorAssessments",
                columns: table => new
                {
                    SectorId = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Agency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    Impact = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    SinceUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    SetBy = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SectorAssessments", x => new { x.SectorId, x.Agency });
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SectorAssessments");

            migrationBuilder.DropColumn(
                name: "SectorId",
                table: "Incidents");
        }
    }
}
