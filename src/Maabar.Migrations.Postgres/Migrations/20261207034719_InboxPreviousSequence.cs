using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Maabar.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class InboxPreviousSequence : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "PreviousSequence",
                table: "InboxMessages",
                type: "bigint",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "PreviousSequence",
                table: "InboxMessages");
        }
    }
}
