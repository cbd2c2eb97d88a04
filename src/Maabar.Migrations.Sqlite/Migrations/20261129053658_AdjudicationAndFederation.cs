using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Maabar.Migrations.Sqlite.Migrations
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
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "Person");

            migrationBuilder.AddColumn<string>(
                name: "VehicleCountry",
                table: "WatchlistEntries",
                type: "TEXT",
                maxLength: 3,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "VehiclePlate",
                table: "WatchlistEntries",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "VehicleCountry",
                table: "Passages",
                type: "TEXT",
                maxLength: 3,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "VehiclePlate",
                table: "Passages",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "ClearanceId",
                table: "Hits",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "ConfirmedBy",
                table: "Hits",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ConfirmedUtc",
                table: "Hits",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "DecidedBy",
                table: "Hits",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "DecidedUtc",
                table: "Hits",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Outcome",
                table: "Hits",
                type: "TEXT",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Reason",
                table: "Hits",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ReplyDueUtc",
                table: "Hits",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Clearances",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Agency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    HitId = table.Column<Guid>(type: "TEXT", nullable: true),
                    TravellerId = table.Column<Guid>(type: "TEXT", nullable: true),
                    WatchlistEntryId = table.Column<Guid>(type: "TEXT", nullable: false),
                    EntryVersion = table.Column<int>(type: "INTEGER", nullable: false),
                    DocumentNumber = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    IssuingState = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    BirthDate = table.Column<string>(type: "TEXT", maxLength: 10, nullable: true),
                    FullNameArabic = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    FullNameLatin = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    IssuedBy = table.Column<Guid>(type: "TEXT", nullable: false),
                    IssuedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RevokedUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    RevokedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    RevocationReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
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
                    MessageId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Sender = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    Recipient = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    CorrelationId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ReceivedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ReplyDueUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Sequence = table.Column<long>(type: "INTEGER", nullable: false),
                    Payload = table.Column<string>(type: "TEXT", nullable: false),
                    RepliedUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InboxMessages", x => x.MessageId);
                });

            migrationBuilder.CreateTable(
                name: "OutboxMessages",
                columns: table => new
                {
                    Sequence = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    MessageId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Recipient = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    CorrelationId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ReplyDueUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Payload = table.Column<string>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    NextAttemptUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    DeliveredUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OutboxMessages", x => x.Sequence);
                });

            migrationBuilder.CreateTable(
                name: "PartnerLinks",
                columns: table => new
                {
                    Agency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    LastSuccessUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastFailureUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    DownSinceUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DownReportedUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LeaseOwner = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    LeaseUntilUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PartnerLinks", x => x.Agency);
                });

            migrationBuilder.CreateTable(
                name: "WatchlistEntryRevisions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    WatchlistEntryId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    Change = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Fields = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    ChangedBy = table.Column<Guid>(type: "TEXT", nullable: false),
                    ChangedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Snapshot = table.Column<string>(type: "TEXT", nullable: false)
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

            // SQLite cannot add a foreign key to an existing table without rebuilding it outside a transaction;
            // Hits.ClearanceId stays indexed without the constraint here (PostgreSQL has it).
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

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
        }
    }
}
