using Microsoft.AspNetCore.Mvc;

namespace Orleans.Conversations.HttpApi.Hosting;

/// <summary>
/// Writes a problem whatever the request accepts: through <see cref="IProblemDetailsService"/> when it can, else as
/// <c>application/problem+json</c> all the same (a client that asked for <c>text/event-stream</c> still learns why).
/// </summary>
internal static class ProblemResponses
{
    public static async Task WriteAsync(HttpContext context, ProblemDetails problem, Exception? exception = null)
    {
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        if (await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception }))
            return;
        await context.Response.WriteAsJsonAsync(problem, (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json", context.RequestAborted);
    }
}
