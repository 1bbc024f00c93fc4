using System.Globalization;
using Orleans.Conversations.Access;

namespace Orleans.Conversations.Admin;

public static partial class AdminCommand
{
    private const string DefaultTenant = "default";

    private static Command CreateKey(CommandLine line)
    {
        var user = CheckName("--user", line.Value("--user") ?? throw new UsageException("create-key needs --user NAME."));
        var tenant = CheckName("--tenant", line.Value("--tenant") ?? DefaultTenant);
        var admin = line.Has("--admin");
        return async (dataSource, stdout, _) =>
        {
            var issued = await new ApiKeyStore(dataSource).CreateAsync(tenant, user, admin, "cli");
            await stdout.WriteLineAsync($"id: {issued.Record.Id}");
            await stdout.WriteLineAsync($"user: {issued.Record.UserId}");
            await stdout.WriteLineAsync($"tenant: {issued.Record.Tenant}");
            await stdout.WriteLineAsync($"admin: {(issued.Record.IsAdmin ? "yes" : "no")}");
            await stdout.WriteLineAsync("The key is shown only once and cannot be recovered; store it now:");
            await stdout.WriteLineAsync(issued.Key);
            return 0;
        };
    }

    private static Command ListKeys(CommandLine line)
    {
        var tenant = line.Value("--tenant") is { } value ? CheckName("--tenant", value) : null;
        return async (dataSource, stdout, _) =>
        {
            var keys = await new ApiKeyStore(dataSource).ListAsync(tenant);
            string[][] rows =
            [
                ["ID", "TENANT", "USER", "ADMIN", "CREATED", "REVOKED"],
                .. keys.Select(key => new[]
                {
                    key.Id, key.Tenant, key.UserId, key.IsAdmin ? "yes" : "no", Format(key.CreatedAt),
                    key.RevokedAt is { } revokedAt ? Format(revokedAt) : "-",
                }),
            ];
            var widths = Enumerable.Range(0, rows[0].Length).Select(column => rows.Max(row => row[column].Length)).ToArray();
            foreach (var row in rows)
                await stdout.WriteLineAsync(string.Join("  ", row.Select((cell, column) => cell.PadRight(widths[column]))).TrimEnd());
            return 0;
        };
    }

    private static Command RevokeKey(CommandLine line)
    {
        var id = line.Positionals is [var given] ? given : throw new UsageException("revoke-key needs the key's id.");
        if (!ApiKeyFormat.IsValidId(id))
            throw new UsageException($"A key id is {ApiKeyFormat.IdLength} letters or digits, as list-keys shows it.");
        return async (dataSource, stdout, stderr) =>
        {
            if (!await new ApiKeyStore(dataSource).RevokeAnyTenantAsync(id))
            {
                await stderr.WriteLineAsync($"No active key has the id {id}.");
                return 1;
            }

            await stdout.WriteLineAsync($"Revoked key {id}.");
            return 0;
        };
    }

    private static string Format(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
