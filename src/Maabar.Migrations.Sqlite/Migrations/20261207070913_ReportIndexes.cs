using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Maabar.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ReportIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Passages_Agency_RecordedUtc",
                table: "Passages");

            migrationBuilder.CreateIndex(
                name: "IX_Passages_Agency_RecordedUtc_Id_CrossingPointId_Direction",
                table: "Passages",
                columns: new[] { "Agency", "RecordedUtc", "Id", "CrossingPointId", "Direction" });

            migrationBuilder.CreateIndex(
                name: "IX_OutboxMessages_CreatedUtc",
                table: "OutboxMessages",
                column: "CreatedUtc");

            migrationBuilder.CreateIndex(
                name: "IX_OutboxMessages_ReplyDueUtc",
                table: "OutboxMessages",
                column: "ReplyDueUtc");

            migrationBuilder.CreateIndex(
                name: "IX_Incidents_OccurredUtc",
                table: "Incidents",
                column: "OccurredUtc");

            migrationBuilder.CreateIndex(
                name: "IX_InboxMessages_ReplyDueUtc",
                table: "InboxMessages",
                column: "ReplyDueUtc");

            migrationBuilder.CreateIndex(
                name: "IX_Hits_CreatedUtc",
                table: "Hits",
                column: "CreatedUtc");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Passages_Agency_RecordedUtc_Id_CrossingPointId_Direction",
                table: "Passages");

            migrationBuilder.DropIndex(
                name: "IX_OutboxMessages_CreatedUtc",
                table: "OutboxMessages");

            migrationBuilder.DropIndex(
                name: "IX_OutboxMessages_ReplyDueUtc",
                table: "OutboxMessages");

            migrationBuilder.DropIndex(
                name: "IX_Incidents_OccurredUtc",
                table: "Incidents");

            migrationBuilder.DropIndex(
                name: "IX_InboxMessages_ReplyDueUtc",
                table: "InboxMessages");

            migrationBuilder.DropIndex(
                name: "IX_Hits_CreatedUtc",
                table: "Hits");

            migrationBuilder.CreateIndex(
                name: "IX_Passages_Agency_RecordedUtc",
                table: "Passages",
                columns: new[] { "Agency", "RecordedUtc" });
        }
    }
}
