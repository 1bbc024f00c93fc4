using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Conversations.Admin;

namespace Orleans.Conversations.Access.Tests;

public sealed class AdminCommandTests
{
    [Fact]
    public async Task create_key_prints_the_key_alone_on_the_last_line_and_it_is_a_valid_admin_key()
    {
        var tenant = AccessDatabase.NewTenant();

        var run = await RunAsync("create-key", "--user", "ops", "--tenant", tenant, "--admin");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Stderr);
        var lines = run.Stdout.TrimEnd('\n').Split('\n');
        var key = lines[^1];
        Assert.True(ApiKeyFormat.TryParse(key, out var id));
        Assert.Contains($"id: {id}", lines);
        Assert.Contains("user: ops", lines);
        Assert.Contains($"tenant: {tenant}", lines);
        Assert.Contains("admin: yes", lines);
        Assert.Contains(lines, line => line.Contains("only once", StringComparison.Ordinal));
        var check = await VerifyAsync(key);
        Assert.Equal(ApiKeyCheckResult.Valid, check.Result);
        Assert.True(check.Key!.IsAdmin);
        Assert.Equal("cli", check.Key.CreatedBy);
    }

    [Fact]
    public async Task create_key_without_a_tenant_issues_a_plain_key_in_the_default_tenant()
    {
        var run = await RunAsync("create-key", "--user", $"u{Guid.NewGuid():N}");

        var check = await VerifyAsync(run.Stdout.TrimEnd('\n').Split('\n')[^1]);
        Assert.Equal("default", check.Key!.Tenant);
        Assert.False(check.Key.IsAdmin);
    }

    [Theory]
    [InlineData("--usr")]
    [InlineData("--user", "ops", "--color")]
    [InlineData("--user")]
    [InlineData("--user", "ops", "extra")]
    [InlineData("--tenant", "acme")]
    public async Task a_bad_option_exits_2_with_a_message_on_stderr(params string[] options)
    {
        var run = await RunAsync(["create-key", .. options]);

        Assert.Equal(2, run.ExitCode);
        Assert.NotEqual("", run.Stderr);
        Assert.Equal("", run.Stdout);
    }

    [Theory]
    [InlineData("create-key", "--user", "bad name")]
    [InlineData("create-key", "--user", "ops", "--tenant", "-acme")]
    [InlineData("list-keys", "--tenant", "a/b")]
    public async Task an_invalid_name_exits_2_naming_the_option(params string[] args)
    {
        var run = await RunAsync(args);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith(args[^2], run.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("rotate-key")]
    [InlineData("revoke-key")]
    [InlineData("revoke-key", "not-an-id")]
    public async Task an_unknown_command_or_missing_id_exits_2(params string[] args)
    {
        var run = await RunAsync(args);

        Assert.Equal(2, run.ExitCode);
        Assert.NotEqual("", run.Stderr);
    }

    [Fact]
    public async Task help_prints_the_usage_and_no_arguments_prints_it_as_an_error()
    {
        var help = await RunAsync("--help");
        var none = await RunAsync();

        Assert.Equal(0, help.ExitCode);
        Assert.Contains("create-key --user NAME", help.Stdout, StringComparison.Ordinal);
        Assert.Equal(2, none.ExitCode);
        Assert.Contains("create-key --user NAME", none.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task list_keys_shows_the_id_but_never_the_key()
    {
        var tenant = AccessDatabase.NewTenant();
        var created = await RunAsync("create-key", "--user", "ops", "--tenant", tenant);
        var key = created.Stdout.TrimEnd('\n').Split('\n')[^1];
        ApiKeyFormat.TryParse(key, out var id);

        var run = await RunAsync("list-keys", "--tenant", tenant);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains(id, run.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(key[^ApiKeyFormat.SecretLength..], run.Stdout, StringComparison.Ordinal);
        Assert.Equal(2, run.Stdout.TrimEnd('\n').Split('\n').Length);
    }

    [Fact]
    public async Task revoke_key_revokes_the_key_once()
    {
        var created = await RunAsync("create-key", "--user", "ops", "--tenant", AccessDatabase.NewTenant());
        var key = created.Stdout.TrimEnd('\n').Split('\n')[^1];
        ApiKeyFormat.TryParse(key, out var id);

        var first = await RunAsync("revoke-key", id);
        var second = await RunAsync("revoke-key", id);

        Assert.Equal(0, first.ExitCode);
        Assert.Equal(ApiKeyCheckResult.Revoked, (await VerifyAsync(key)).Result);
        Assert.Equal(1, second.ExitCode);
        Assert.Contains(id, second.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task an_unreachable_database_exits_1_saying_where_it_looked()
    {
        var run = await RunWithAsync("Host=127.0.0.1;Port=1;Username=nobody;Password=none;Database=nowhere", "list-keys");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("127.0.0.1:1/nowhere", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("none", run.Stderr, StringComparison.Ordinal);
    }

    private static async Task<ApiKeyCheck> VerifyAsync(string key) =>
        await new ApiKeyVerifier(
                await AccessDatabase.StoreAsync(), Options.Create(new ApiKeyOptions()), TimeProvider.System, NullLogger<ApiKeyVerifier>.Instance)
            .VerifyAsync(key);

    private static async Task<Run> RunAsync(params string[] args) => await RunWithAsync(await AccessDatabase.GetConnectionStringAsync(), args);

    private static async Task<Run> RunWithAsync(string connectionString, params string[] args)
    {
        var (stdout, stderr) = (new StringWriter { NewLine = "\n" }, new StringWriter { NewLine = "\n" });
        var exitCode = await AdminCommand.RunAsync(args, stdout, stderr, connectionString);
        return new Run(exitCode, stdout.ToString(), stderr.ToString());
    }

    private sealed record Run(int ExitCode, string Stdout, string Stderr);
}
