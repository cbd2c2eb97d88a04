using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Maabar.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class WatchlistEntryIdentity : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<List<string>>(
                name: "Aliases",
                table: "WatchlistEntries",
                type: "text[]",
                nullable: false,
                defaultValueSql: "'{}'::text[]"); // rows listed before this column have none

            migrationBuilder.AddColumn<string>(
                name: "Documents",
                table: "WatchlistEntries",
                type: "jsonb",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "ExpiryDate",
                table: "WatchlistEntries",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "FatherName",
                table: "WatchlistEntries",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "GrandfatherName",
                table: "WatchlistEntries",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LegalBasis",
                table: "WatchlistEntries",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "MotherName",
                table: "WatchlistEntries",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<List<string>>(
                name: "OtherBirthDates",
                table: "WatchlistEntries",
                type: "text[]",
                nullable: false,
                defaultValueSql: "'{}'::text[]"); // rows listed before this column have none

            migrationBuilder.AddColumn<DateOnly>(
                name: "ReviewDate",
                table: "WatchlistEntries",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Sex",
                table: "WatchlistEntries",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Aliases",
                table: "WatchlistEntries");

            migrationBuilder.DropColumn(
                name: "Documents",
                table: "WatchlistEntries");

            migrationBuilder.DropColumn(
                name: "ExpiryDate",
                table: "WatchlistEntries");

            migrationBuilder.DropColumn(
                name: "FatherName",
                table: "WatchlistEntries");

            migrationBuilder.DropColumn(
                name: "GrandfatherName",
                table: "WatchlistEntries");

            migrationBuilder.DropColumn(
                name: "LegalBasis",
                table: "WatchlistEntries");

            migrationBuilder.DropColumn(
                name: "MotherName",
                table: "WatchlistEntries");

            migrationBuilder.DropColumn(
                name: "OtherBirthDates",
                table: "WatchlistEntries");

            migrationBuilder.DropColumn(
                name: "ReviewDate",
                table: "WatchlistEntries");

            migrationBuilder.DropColumn(
                name: "Sex",
                table: "WatchlistEntries");
        }
    }
}
