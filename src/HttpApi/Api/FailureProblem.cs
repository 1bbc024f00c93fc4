using Microsoft.AspNetCore.Mvc;

namespace Orleans.Conversations.HttpApi.Api;

/// <summary>A failure as the contract's problem: what every answer of it says, whatever carries it (JSON, SSE, WebSocket, OpenAI).</summary>
/// <param name="Status">The HTTP status.</param>
/// <param name="Title">The problem's title.</param>
/// <param name="Detail">What went wrong and what to do.</param>
/// <param name="Field">The request field at fault, if one is.</param>
/// <param name="RetryLater">Whether the service cannot serve right now (a <c>503</c>, answered with <c>Retry-After</c>).</param>
internal sealed record FailureProblem(int Status, string Title, string Detail, string? Field = null, bool RetryLater = false)
{
    /// <summary>The RFC 9457 body, naming the turn's message id when there is one.</summary>
    public ProblemDetails ToProblemDetails(string? messageId = null)
    {
        var problem = new ProblemDetails { Status = Status, Title = Title, Detail = Detail };
        if (Field is not null)
            problem.Extensions["field"] = Field;
        if (messageId is not null)
            problem.Extensions["messageId"] = messageId;
        return problem;
    }
}
