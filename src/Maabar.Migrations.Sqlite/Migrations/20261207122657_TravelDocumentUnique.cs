using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Maabar.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class TravelDocumentUnique : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_TravelDocuments_IssuingState_Number",
                table: "TravelDocuments");

            migrationBuilder.AddColumn<string>(
                name: "Agency",
                table: "TravelDocuments",
                type: "TEXT",
                maxLength: 3,
                nullable: false,
                defaultValue: "");

            // Not generated: fills the new column and merges travellers that share a document (see TravelDocumentMerge).
            foreach (string sql in Maabar.Core.Data.TravelDocumentMerge.Statements)
            {
                migrationBuilder.Sql(sql);
            }

            migrationBuilder.CreateIndex(
                name: "IX_TravelDocuments_Agency_IssuingState_Number",
                table: "TravelDocuments",
                columns: new[] { "Agency", "IssuingState", "Number" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_TravelDocuments_Agency_IssuingState_Number",
                table: "TravelDocuments");

            migrationBuilder.DropColumn(
                name: "Agency",
                table: "TravelDocuments");

            migrationBuilder.CreateIndex(
                name: "IX_TravelDocuments_IssuingState_Number",
                table: "TravelDocuments",
                columns: new[] { "IssuingState", "Number" });
        }
    }
}
