using Microsoft.AspNetCore.Mvc;
using Orleans.Conversations.HttpApi.Health;

namespace Orleans.Conversations.HttpApi.Hosting;

/// <summary>
/// Until the host has started (the gateway has reached the cluster, prepared its database and decided its auth mode),
/// answers <c>/health/live</c> itself and every other request with <c>503</c> and <c>Retry-After</c>, so that a
/// gateway started before its silos, or while PostgreSQL is down, shows that it is alive and says why it cannot serve.
/// </summary>
internal sealed class StartupGate(RequestDelegate next, IHostApplicationLifetime lifetime)
{
    private const string RetryAfterSeconds = "5";

    public async Task InvokeAsync(HttpContext context)
    {
        if (lifetime.ApplicationStarted.IsCancellationRequested)
        {
            await next(context);
            return;
        }

        if (context.Request.Path.Equals(HealthPaths.Live, StringComparison.OrdinalIgnoreCase))
        {
            context.Response.ContentType = "text/plain";
            await context.Response.WriteAsync("Healthy", context.RequestAborted);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = RetryAfterSeconds;
        await ProblemResponses.WriteAsync(context, new ProblemDetails
        {
            Status = StatusCodes.Status503ServiceUnavailable,
            Title = "Starting",
            Detail = "The gateway is starting and has not reached the cluster and its database yet; retry shortly.",
        });
    }
}
