using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Maabar.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class AdjudicationAndFederation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Kind",
                table: "WatchlistEntries",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "Person");

            migrationBuilder.AddColumn<string>(
                name: "VehicleCountry",
                table: "WatchlistEntries",
                type: "character varying(3)",
                maxLength: 3,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "VehiclePlate",
                table: "WatchlistEntries",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "VehicleCountry",
                table: "Passages",
                type: "character varying(3)",
                maxLength: 3,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "VehiclePlate",
                table: "Passages",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "Status",
                table: "Hits",
                type: "character varying(24)",
                maxLength: 24,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(16)",
                oldMaxLength: 16);

            migrationBuilder.AddColumn<Guid>(
                name: "ClearanceId",
                table: "Hits",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "ConfirmedBy",
                table: "Hits",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ConfirmedUtc",
                table: "Hits",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "DecidedBy",
                table: "Hits",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "DecidedUtc",
                table: "Hits",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Outcome",
                table: "Hits",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Reason",
                table: "Hits",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ReplyDueUtc",
                table: "Hits",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Clearances",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Agency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    HitId = table.Column<Guid>(type: "uuid", nullable: true),
                    TravellerId = table.Column<Guid>(type: "uuid", nullable: true),
                    WatchlistEntryId = table.Column<Guid>(type: "uuid", nullable: false),
                    EntryVersion = table.Column<int>(type: "integer", nullable: false),
                    DocumentNumber = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    IssuingState = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    BirthDate = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    FullNameArabic = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    FullNameLatin = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    IssuedBy = table.Column<Guid>(type: "uuid", nullable: false),
                    IssuedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    RevokedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    RevokedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    RevocationReason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Clearances", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Clearances_Travellers_TravellerId",
                        column: x => x.TravellerId,
                        principalTable: "Travellers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Clearances_WatchlistEntries_WatchlistEntryId",
                        column: x => x.WatchlistEntryId,
                        principalTable: "WatchlistEntries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "InboxMessages",
                columns: table => new
                {
                    MessageId = table.Column<Guid>(type: "uuid", nullable: false),
                    Sender = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    Recipient = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    Type = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    CorrelationId = table.Column<Guid>(type: "uuid", nullable: true),
                    CreatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ReceivedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ReplyDueUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Sequence = table.Column<long>(type: "bigint", nullable: false),
                    Payload = table.Column<string>(type: "text", nullable: false),
                    RepliedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InboxMessages", x => x.MessageId);
                });

            migrationBuilder.CreateTable(
                name: "OutboxMessages",
                columns: table => new
                {
                    Sequence = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    MessageId = table.Column<Guid>(type: "uuid", nullable: false),
                    Recipient = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    Type = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    CorrelationId = table.Column<Guid>(type: "uuid", nullable: true),
                    CreatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ReplyDueUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Payload = table.Column<string>(type: "text", nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    NextAttemptUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    LastError = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    DeliveredUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OutboxMessages", x => x.Sequence);
                });

            migrationBuilder.CreateTable(
                name: "PartnerLinks",
                columns: table => new
                {
                    Agency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    LastSuccessUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LastFailureUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LastError = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    DownSinceUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    DownReportedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LeaseOwner = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    LeaseUntilUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PartnerLinks", x => x.Agency);
                });

            migrationBuilder.CreateTable(
                name: "WatchlistEntryRevisions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    WatchlistEntryId = table.Column<Guid>(type: "uuid", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    Change = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Fields = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    ChangedBy = table.Column<Guid>(type: "uuid", nullable: false),
                    ChangedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Snapshot = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WatchlistEntryRevisions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_WatchlistEntryRevisions_WatchlistEntries_WatchlistEntryId",
                        column: x => x.WatchlistEntryId,
                        principalTable: "WatchlistEntries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Hits_ClearanceId",
                table: "Hits",
                column: "ClearanceId");

            migrationBuilder.CreateIndex(
                name: "IX_Clearances_DocumentNumber_IssuingState",
                table: "Clearances",
                columns: new[] { "DocumentNumber", "IssuingState" });

            migrationBuilder.CreateIndex(
                name: "IX_Clearances_Number",
                table: "Clearances",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Clearances_TravellerId",
                table: "Clearances",
                column: "TravellerId");

            migrationBuilder.CreateIndex(
                name: "IX_Clearances_WatchlistEntryId",
                table: "Clearances",
                column: "WatchlistEntryId");

            migrationBuilder.CreateIndex(
                name: "IX_InboxMessages_CorrelationId",
                table: "InboxMessages",
                column: "CorrelationId");

            migrationBuilder.CreateIndex(
                name: "IX_InboxMessages_ReceivedUtc",
                table: "InboxMessages",
                column: "ReceivedUtc");

            migrationBuilder.CreateIndex(
                name: "IX_InboxMessages_Sender_Sequence",
                table: "InboxMessages",
                columns: new[] { "Sender", "Sequence" });

            migrationBuilder.CreateIndex(
                name: "IX_OutboxMessages_MessageId",
                table: "OutboxMessages",
                column: "MessageId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_OutboxMessages_Recipient_Status_Sequence",
                table: "OutboxMessages",
                columns: new[] { "Recipient", "Status", "Sequence" });

            migrationBuilder.CreateIndex(
                name: "IX_WatchlistEntryRevisions_WatchlistEntryId_Version",
                table: "WatchlistEntryRevisions",
                columns: new[] { "WatchlistEntryId", "Version" });

            migrationBuilder.AddForeignKey(
                name: "FK_Hits_Clearances_ClearanceId",
                table: "Hits",
                column: "ClearanceId",
                principalTable: "Clearances",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Hits_Clearances_ClearanceId",
                table: "Hits");

            migrationBuilder.DropTable(
                name: "Clearances");

            migrationBuilder.DropTable(
                name: "InboxMessages");

            migrationBuilder.DropTable(
                name: "OutboxMessages");

            migrationBuilder.DropTable(
                name: "PartnerLinks");

            migrationBuilder.DropTable(
                name: "WatchlistEntryRevisions");

            migrationBuilder.DropIndex(
                name: "IX_Hits_ClearanceId",
                table: "Hits");

            migrationBuilder.DropColumn(
                name: "Kind",
                table: "WatchlistEntries");

            migrationBuilder.DropColumn(
                name: "VehicleCountry",
                table: "WatchlistEntries");

            migrationBuilder.DropColumn(
                name: "VehiclePlate",
                table: "WatchlistEntries");

            migrationBuilder.DropColumn(
                name: "VehicleCountry",
                table: "Passages");

            migrationBuilder.DropColumn(
                name: "VehiclePlate",
                table: "Passages");

            migrationBuilder.DropColumn(
                name: "ClearanceId",
                table: "Hits");

            migrationBuilder.DropColumn(
                name: "ConfirmedBy",
                table: "Hits");

            migrationBuilder.DropColumn(
                name: "ConfirmedUtc",
                table: "Hits");

            migrationBuilder.DropColumn(
                name: "DecidedBy",
                table: "Hits");

            migrationBuilder.DropColumn(
                name: "DecidedUtc",
                table: "Hits");

            migrationBuilder.DropColumn(
                name: "Outcome",
                table: "Hits");

            migrationBuilder.DropColumn(
                name: "Reason",
                table: "Hits");

            migrationBuilder.DropColumn(
                name: "ReplyDueUtc",
                table: "Hits");

            migrationBuilder.AlterColumn<string>(
                name: "Status",
                table: "Hits",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(24)",
                oldMaxLength: 24);
        }
    }
}
