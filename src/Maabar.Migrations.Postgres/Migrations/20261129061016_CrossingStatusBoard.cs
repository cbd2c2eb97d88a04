using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Maabar.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class CrossingStatusBoard : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CrossingSideStatuses",
                columns: table => new
                {
                    CrossingPointId = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Agency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    Status = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    Reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    SinceUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ExpectedReopeningUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    AllowedCategories = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    SetBy = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CrossingSideStatuses", x => new { x.CrossingPointId, x.Agency });
                    table.ForeignKey(
                        name: "FK_CrossingSideStatuses_CrossingPoints_CrossingPointId",
                        column: x => x.CrossingPointId,
                        principalTable: "CrossingPoints",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CrossingStatusChanges",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CrossingPointId = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Agency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    LaneCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    Status = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    Reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    ExpectedReopeningUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    AllowedCategories = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ChangedBy = table.Column<Guid>(type: "uuid", nullable: false),
                    ChangedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CrossingStatusChanges", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CrossingStatusChanges_CrossingPointId_ChangedUtc",
                table: "CrossingStatusChanges",
                columns: new[] { "CrossingPointId", "ChangedUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CrossingSideStatuses");

            migrationBuilder.DropTable(
                name: "CrossingStatusChanges");
        }
    }
}
