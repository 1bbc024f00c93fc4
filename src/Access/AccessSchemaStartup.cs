using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Orleans.Conversations.Access;

/// <summary>
/// Applies <see cref="AccessSchema"/> when the host starts, before it serves requests. While PostgreSQL cannot be
/// reached it tries again, waiting 200 ms at first and twice as long each time up to 5 s, and logs each failure; it
/// gives up only when start-up is cancelled.
/// </summary>
internal sealed class AccessSchemaStartup(
    NpgsqlDataSource dataSource, ILoggerFactory loggerFactory, TimeProvider timeProvider, ILogger<AccessSchemaStartup> logger)
    : IHostedService
{
    private static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(5);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var delay = FirstDelay;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await AccessSchema.ApplyAsync(dataSource, loggerFactory, cancellationToken);
                return;
            }
            catch (Exception exception) when (exception is NpgsqlException or TimeoutException)
            {
                cancellationToken.ThrowIfCancellationRequested();
                logger.LogWarning("Cannot apply the API key schema to PostgreSQL (attempt {Attempt}, next in {Delay}): {Error}",
                    attempt, delay, exception.Message);
            }

            await Task.Delay(delay, timeProvider, cancellationToken);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxDelay.Ticks));
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
