using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Maabar.Migrations.Sqlite.Migrations
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
                    CrossingPointId = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Agency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    SinceUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ExpectedReopeningUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    AllowedCategories = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    SetBy = table.Column<Guid>(type: "TEXT", nullable: false)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CrossingPointId = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Agency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    LaneCode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    ExpectedReopeningUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    AllowedCategories = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ChangedBy = table.Column<Guid>(type: "TEXT", nullable: false),
                    ChangedUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
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
