using System.Diagnostics;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Orleans.Conversations.Migrations.Hosting;

/// <summary>
/// The host's one schema start-up: applies every <see cref="SchemaRegistration"/>, database by database in the order
/// they were registered, before the host's other services start (it is registered first). While PostgreSQL cannot be
/// reached it tries again after a growing, capped delay (<see cref="SchemaStartupOptions"/>), logging what it waits
/// for, and fails, naming the database, once <see cref="SchemaStartupOptions.MaxWait"/> has passed. A changed applied
/// script or a script PostgreSQL refuses stops start-up at once.
/// </summary>
internal sealed class SchemaStartup(
    IServiceProvider services,
    IEnumerable<SchemaRegistration> registrations,
    IOptions<SchemaStartupOptions> options,
    TimeProvider timeProvider,
    ILoggerFactory loggerFactory) : IHostedService
{
    private readonly ILogger _logger = loggerFactory.CreateLogger<SchemaStartup>();

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var groups = registrations
            .Select(registration => (Registration: registration, DataSource: registration.DataSource(services), Apply: registration.Apply(services)))
            .GroupBy(r => r.DataSource, r => (r.Registration, r.Apply));
        foreach (var group in groups)
            await PrepareAsync(group.Key, [.. group], cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task PrepareAsync(NpgsqlDataSource dataSource, IReadOnlyList<(SchemaRegistration Registration, bool Apply)> registrations, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var endpoint = NpgsqlEndpoint.Describe(dataSource);
        var components = string.Join(", ", registrations.Select(r => r.Registration.Component).Distinct());
        var migrator = new PostgresMigrator(dataSource, loggerFactory.CreateLogger<PostgresMigrator>());
        var started = Stopwatch.GetTimestamp();
        var delay = settings.FirstRetryDelay;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await migrator.MigrateAsync(registrations.Where(r => r.Apply).Select(r => r.Registration.Scripts), cancellationToken);
                var missing = await migrator.FindMissingAsync(registrations.Where(r => !r.Apply).Select(r => r.Registration.Scripts), cancellationToken);
                if (missing.Count > 0)
                {
                    throw new InvalidOperationException(
                        $"{components}: {endpoint} lacks the database scripts {string.Join(", ", missing)}, which this process " +
                        "expects another to have applied.");
                }

                _logger.LogInformation("Schema of {Components} ready at {Endpoint}", components, endpoint);
                return;
            }
            catch (Exception exception) when (IsUnreachable(exception) && !cancellationToken.IsCancellationRequested)
            {
                var waited = Stopwatch.GetElapsedTime(started);
                if (settings.MaxWait != Timeout.InfiniteTimeSpan && waited + delay > settings.MaxWait)
                {
                    throw new InvalidOperationException(
                        $"{components}: cannot reach PostgreSQL at {endpoint} to apply the schema " +
                        $"(attempt {attempt}, after {waited.TotalSeconds:0.#} s): {exception.Message}", exception);
                }

                _logger.LogWarning("Waiting for PostgreSQL at {Endpoint} to apply the schema of {Components} (attempt {Attempt}, next in {Delay}): {Error}",
                    endpoint, components, attempt, delay, exception.Message);
            }

            await Task.Delay(delay, timeProvider, cancellationToken);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, settings.MaxRetryDelay.Ticks));
        }
    }

    // A server that cannot be reached, or is starting or shutting down, may come; PostgreSQL's other refusals (a script
    // it rejects, a database that does not exist, a wrong password) do not pass by waiting.
    private static bool IsUnreachable(Exception exception) =>
        exception is NpgsqlException { IsTransient: true } or TimeoutException or SocketException;
}
