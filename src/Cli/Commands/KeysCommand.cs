using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using DigitForge.Application.Tracking.ApiKeys.CreateApiKey;
using DigitForge.Application.Tracking.ApiKeys.ListApiKeys;
using DigitForge.Application.Tracking.ApiKeys.RevokeApiKey;
using Mediator;

namespace DigitForge.Cli.Commands;

/// <summary>
/// <c>digitforge keys create|list|revoke</c>: API keys with a name and scopes (read, write, admin), stored hashed in
/// the tracking database. Whoever can open the database manages its keys, so the CLI needs no key itself.
/// </summary>
internal static class KeysCommand
{
    public static Command Create() => new("keys", "API keys (name, scopes read|write|admin) for the API and the UI's sign-in.")
    {
        CreateKey(),
        ListKeys(),
        RevokeKey(),
    };

    private static Command CreateKey()
    {
        var name = new Option<string?>("--name") { Description = "A label to tell keys apart (default: default)." };
        var scopes = new Option<string[]>("--scope")
        {
            Description = "read, write or admin (repeatable or comma-separated; default read and write). Admin includes write, write includes read.",
            AllowMultipleArgumentsPerToken = false,
        };
        var command = new Command("create", "Create a key; it is printed once and only its SHA-256 is stored. From then on every write needs a key.") { name, scopes };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            await using var session = await TrackingSession.OpenAsync(parse.GetValue(CliOptions.DataDir), cancellationToken);
            string[] named = (parse.GetValue(scopes) ?? []).SelectMany(s => s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray();
            var created = await session.Get<ISender>().Send(new CreateApiKeyRequest(parse.GetValue(name), named), cancellationToken);
            Console.WriteLine(created.Key);
            await Console.Error.WriteLineAsync(
                $"Created API key '{created.Name}' (id {created.Id}, {created.Prefix}…, scopes {string.Join(",", created.Scopes)}). " +
                "Store it now: it cannot be shown again. Send it as 'Authorization: Bearer <key>' or 'X-Api-Key: <key>'.");
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command ListKeys()
    {
        var all = new Option<bool>("--all") { Description = "Also list revoked keys." };
        var json = new Option<bool>("--json") { Description = "Print the keys as JSON." };
        var command = new Command("list", "List stored keys: id, name, prefix, scopes, created (never the keys themselves).") { all, json };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            await using var session = await TrackingSession.OpenAsync(parse.GetValue(CliOptions.DataDir), cancellationToken);
            var keys = await session.Get<ISender>().Send(new ListApiKeysRequest(parse.GetValue(all)), cancellationToken);
            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(keys, RunsCommand.Json));
                return ExitCodes.Success;
            }

            Console.WriteLine($"{"ID",6}  {"NAME",-24}  {"PREFIX",-10}  {"SCOPES",-16}  {"CREATED (UTC)",-19}  REVOKED (UTC)");
            foreach (var key in keys)
            {
                Console.WriteLine($"{key.Id,6}  {key.Name,-24}  {key.Prefix,-10}  {string.Join(",", key.Scopes),-16}  {Time(key.CreatedAt),-19}  {(key.RevokedAt is { } r ? Time(r) : "-")}");
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command RevokeKey()
    {
        var key = new Argument<string>("key") { Description = "The key's id, prefix (dfk_…) or name (when one active key has it)." };
        var command = new Command("revoke", "Revoke a key: the API refuses it from the next request on, and sign-ins made with it end.") { key };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            await using var session = await TrackingSession.OpenAsync(parse.GetValue(CliOptions.DataDir), cancellationToken);
            var revoked = await session.Get<ISender>().Send(new RevokeApiKeyRequest(parse.GetValue(key) ?? string.Empty), cancellationToken);
            Console.WriteLine($"Revoked API key '{revoked.Name}' (id {revoked.Id}, {revoked.Prefix}…).");
            return ExitCodes.Success;
        }));
        return command;
    }

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
