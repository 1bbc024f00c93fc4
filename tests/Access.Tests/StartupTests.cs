using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Orleans.Conversations.Access.Tests;

public sealed class StartupTests
{
    [Fact]
    public async Task the_default_settings_are_valid()
    {
        await using var services = await ServicesAsync([]);

        var options = services.GetRequiredService<IOptions<ApiKeyOptions>>().Value;

        Assert.Equal(TimeSpan.FromSeconds(3), options.CacheTtl);
        Assert.Equal(10_000, options.MaxCachedKeys);
        Assert.NotNull(services.GetRequiredService<ApiKeyVerifier>());
    }

    [Theory]
    [InlineData("Auth:Keys:CacheTtl", "00:00:05")]
    [InlineData("Auth:Keys:CacheTtl", "00:00:00.050")]
    [InlineData("Auth:Keys:MaxCachedKeys", "0")]
    public async Task a_setting_that_breaks_a_bound_is_refused_by_name(string setting, string value)
    {
        await using var services = await ServicesAsync(new() { [setting] = value });

        var refusal = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<ApiKeyOptions>>().Value);

        Assert.Contains(setting, refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task the_schema_startup_waits_for_postgres_and_then_applies_the_schema()
    {
        await using var database = await TestDatabase.CreateScratchDatabaseAsync();
        var target = new NpgsqlConnectionStringBuilder(database.ConnectionString);
        await using var proxy = new TcpFaultProxy(target.Host!, target.Port);
        proxy.Cut();
        target.Host = "127.0.0.1";
        target.Port = proxy.Port;
        await using var services = await ServicesAsync([], target.ConnectionString);
        var startup = Assert.Single(services.GetServices<IHostedService>());

        var started = startup.StartAsync(CancellationToken.None);
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.False(started.IsCompleted);
        proxy.Restore();
        await started.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Empty(await services.GetRequiredService<ApiKeyStore>().ListAsync(null));
    }

    [Fact]
    public async Task the_schema_startup_gives_up_when_start_up_is_cancelled()
    {
        await using var services = await ServicesAsync([], "Host=127.0.0.1;Port=1;Username=nobody;Password=none;Database=none");
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(1));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => Assert.Single(services.GetServices<IHostedService>()).StartAsync(cancel.Token));
    }

    private static async Task<ServiceProvider> ServicesAsync(Dictionary<string, string?> settings, string? connectionString = null)
    {
        connectionString ??= await AccessDatabase.GetConnectionStringAsync();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddLogging();
        services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
        services.AddApiKeyAccess();
        return services.BuildServiceProvider();
    }
}
