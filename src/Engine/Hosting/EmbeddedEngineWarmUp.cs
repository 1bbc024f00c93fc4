using Microsoft.Extensions.Logging;
using Orleans.Conversations.Engine;
using Orleans.Conversations.Engine.Embedded;

namespace Orleans.Conversations.Engine.Hosting;

/// <summary>
/// Builds the embedded engine's patterns and compiles its code paths with a few sample turns, so that the first
/// conversations a process serves do not wait the better part of a second (several, on a busy machine) for them.
/// </summary>
public sealed class EmbeddedEngineWarmUp(RuleBasedUnderstanding understanding, RuleBasedReplyGenerator replies, ILogger<EmbeddedEngineWarmUp> logger)
{
    /// <summary>Runs the sample turns through the embedded engine.</summary>
    public async Task WarmUpAsync(CancellationToken cancellationToken)
    {
        var started = TimeProvider.System.GetTimestamp();
        foreach (var text in (string[])["Hi, my name is Ada and I live in Lima", "I like tea", "what do you know about me?", "forget everything"])
        {
            var interpretation = understanding.Understand(text, SessionContext.Empty);
            await replies.GenerateReplyAsync(new ReplyRequest(interpretation, SessionContext.Empty, [], 0, null), cancellationToken);
        }

        logger.LogInformation("Embedded engine ready in {Elapsed}", TimeProvider.System.GetElapsedTime(started));
    }
}
