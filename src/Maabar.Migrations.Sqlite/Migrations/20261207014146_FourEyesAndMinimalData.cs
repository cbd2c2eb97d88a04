using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Maabar.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class FourEyesAndMinimalData : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "ApprovedBy",
                table: "Clearances",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ApprovedUtc",
                table: "Clearances",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "NeedsApproval",
                table: "Clearances",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "ClientAddress",
                table: "AuditEntries",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SessionId",
                table: "AuditEntries",
                type: "TEXT",
                maxLength: 64,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ApprovedBy",
                table: "Clearances");

            migrationBuilder.DropColumn(
                name: "ApprovedUtc",
                table: "Clearances");

            migrationBuilder.DropColumn(
                name: "NeedsApproval",
                table: "Clearances");

            migrationBuilder.DropColumn(
                name: "ClientAddress",
                table: "AuditEntries");

            migrationBuilder.DropColumn(
                name: "SessionId",
                table: "AuditEntries");
        }
    }
}
