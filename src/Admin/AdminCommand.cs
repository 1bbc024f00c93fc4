using Npgsql;
using Orleans.Conversations.Access;

namespace Orleans.Conversations.Admin;

/// <summary>
/// The admin tool's commands, against the database of a connection string. It writes only to the writers it is
/// given, never through a logger, so an issued key reaches nothing but the operator's terminal.
/// </summary>
public static partial class AdminCommand
{
    /// <summary>What <c>--help</c> prints.</summary>
    public const string Usage =
        """
        Usage: scripts/admin COMMAND [OPTIONS]

        Commands:
          create-key --user NAME [--tenant NAME] [--admin]
              Issues an API key for a user (in tenant 'default' unless given), as a tenant admin with --admin.
              The key is printed once, alone on the last line; only its hash is stored.
          list-keys [--tenant NAME]
              Lists the keys (id, tenant, user, admin, created, revoked), newest first; never a secret.
          revoke-key ID
              Revokes the key with this id, whatever its tenant.

        Exit codes: 0 done; 1 no such active key, or PostgreSQL unreachable; 2 a mistake in the command line.
        """;

    private delegate Task<int> Command(NpgsqlDataSource dataSource, TextWriter stdout, TextWriter stderr);

    /// <summary>Runs the command in <paramref name="args"/> and returns the process's exit code.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, string connectionString)
    {
        if (args.Length == 0)
        {
            await stderr.WriteLineAsync(Usage);
            return 2;
        }

        if (args[0] == "help" || args.Any(arg => arg is "--help" or "-h"))
        {
            await stdout.WriteLineAsync(Usage);
            return 0;
        }

        NpgsqlDataSource dataSource;
        Command command;
        try
        {
            command = Parse(args);
            dataSource = NpgsqlDataSource.Create(connectionString);
        }
        catch (UsageException exception)
        {
            await stderr.WriteLineAsync($"{exception.Message} Run with --help for usage.");
            return 2;
        }
        catch (ArgumentException exception)
        {
            await stderr.WriteLineAsync($"The connection string is not valid: {exception.Message}");
            return 2;
        }

        await using (dataSource)
        {
            try
            {
                await AccessSchema.ApplyAsync(dataSource);
                return await command(dataSource, stdout, stderr);
            }
            catch (NpgsqlException exception)
            {
                var endpoint = new NpgsqlConnectionStringBuilder(connectionString);
                await stderr.WriteLineAsync(
                    $"PostgreSQL at {endpoint.Host}:{endpoint.Port}/{endpoint.Database} cannot be used: {exception.Message}");
                return 1;
            }
        }
    }

    private static Command Parse(string[] args) => args[0] switch
    {
        "create-key" => CreateKey(CommandLine.Parse(args.AsSpan(1), ["--user", "--tenant"], ["--admin"], maxPositionals: 0)),
        "list-keys" => ListKeys(CommandLine.Parse(args.AsSpan(1), ["--tenant"], [], maxPositionals: 0)),
        "revoke-key" => RevokeKey(CommandLine.Parse(args.AsSpan(1), [], [], maxPositionals: 1)),
        _ => throw new UsageException($"Unknown command '{args[0]}'."),
    };

    private static string CheckName(string option, string value) =>
        Identities.Problem(option, value) is { } problem ? throw new UsageException(problem) : value;
}
