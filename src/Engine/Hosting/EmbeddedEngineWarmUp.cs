using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Conversations.Engine.Embedded;
using Orleans.Conversations.Grains.Interfaces;

namespace Orleans.Conversations.Engine.Hosting;

/// <summary>
/// Builds the embedded engine's patterns when the host starts, so the first user of a process does not wait the better
/// part of a second for them.
/// </summary>
internal sealed class EmbeddedEngineWarmUp(RuleBasedUnderstanding understanding, RuleBasedReplyGenerator replies, ILogger<EmbeddedEngineWarmUp> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var started = TimeProvider.System.GetTimestamp();
        foreach (var text in (string[])["Hi, my name is Ada and I live in Lima", "I like tea", "what do you know about me?", "forget everything"])
        {
            var changes = understanding.Understand(text, SessionContext.Empty);
            await replies.GenerateReplyAsync(new ReplyRequest(text, SessionContext.Empty, changes, [], 0, null), cancellationToken);
        }

        logger.LogInformation("Embedded engine ready in {Elapsed}", TimeProvider.System.GetElapsedTime(started));
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
