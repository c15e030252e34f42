using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DigitForge.Infrastructure.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ApiKeyScopes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "RevokedAt",
                table: "ApiKeys",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Scopes",
                table: "ApiKeys",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                // Keys stored before scopes existed were write keys (reads and writes): they keep exactly that
                // (ApiScopeRules.LegacyDefaultText); admin is new and is not granted to them.
                defaultValue: "read,write");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "RevokedAt",
                table: "ApiKeys");

            migrationBuilder.DropColumn(
                name: "Scopes",
                table: "ApiKeys");
        }
    }
}
