using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Orleans.Conversations.HttpApi.Api.OpenAi;

/// <summary>
/// Writes the problems of every request under <c>/v1</c> (the exception handler's, authentication's 401, the rate
/// limiter's 429, unknown routes) in OpenAI's error shape, which OpenAI clients read, instead of RFC 9457.
/// </summary>
internal sealed class OpenAiErrorWriter(IOptions<ProblemDetailsOptions> problems, IOptions<JsonOptions> json) : IProblemDetailsWriter
{
    public bool CanWrite(ProblemDetailsContext context) => OpenAiApi.Serves(context.HttpContext.Request.Path);

    public async ValueTask WriteAsync(ProblemDetailsContext context)
    {
        problems.Value.CustomizeProblemDetails?.Invoke(context);
        var problem = context.ProblemDetails;
        var status = problem.Status ?? context.HttpContext.Response.StatusCode;
        var param = problem.Extensions.TryGetValue("field", out var field) ? field as string : null;
        var body = OpenAiError.Of(status, problem.Detail ?? problem.Title ?? "The request failed.", param);
        await context.HttpContext.Response.WriteAsJsonAsync(body, json.Value.SerializerOptions, context.HttpContext.RequestAborted);
    }
}
