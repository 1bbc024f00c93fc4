using System.ClientModel.Primitives;

namespace Orleans.Conversations.Gateway.Tests.OpenAi;

/// <summary>What an OpenAI SDK client cannot say by itself: the session and idempotency headers, and the session of the last answer.</summary>
internal sealed class SessionHeaderPolicy : PipelinePolicy
{
    public Guid? SessionId { get; set; }

    public string? IdempotencyKey { get; set; }

    public string? AnsweredSessionId { get; private set; }

    public override void Process(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
    {
        Before(message);
        ProcessNext(message, pipeline, currentIndex);
        After(message);
    }

    public override async ValueTask ProcessAsync(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
    {
        Before(message);
        await ProcessNextAsync(message, pipeline, currentIndex);
        After(message);
    }

    private void Before(PipelineMessage message)
    {
        if (SessionId is { } sessionId)
            message.Request.Headers.Set("X-Session-Id", sessionId.ToString());
        if (IdempotencyKey is { } key)
            message.Request.Headers.Set("Idempotency-Key", key);
    }

    private void After(PipelineMessage message) =>
        AnsweredSessionId = message.Response?.Headers.TryGetValue("X-Session-Id", out var id) == true ? id : null;
}
