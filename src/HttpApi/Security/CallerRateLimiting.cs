using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Orleans.Conversations.HttpApi.Hosting;

namespace Orleans.Conversations.HttpApi.Security;

/// <summary>
/// The per-caller rate limit: past it, <c>429</c> with <c>Retry-After</c> and a problem body. Its buckets are the
/// <see cref="CallerRateBudget"/>'s, which WebSocket frames spend from too.
/// </summary>
internal static class CallerRateLimiting
{
    public const string Policy = "caller";

    public static void Configure(RateLimiterOptions limiter, RateLimitOptions options)
    {
        var tokensPerSecond = options.TokensPerSecond ?? RateLimitOptions.DefaultTokensPerSecond;
        limiter.AddPolicy(Policy, context => IsLimited(context, options)
            ? RateLimitPartition.Get(CallerClaims.RateLimitKey(context), key => context.RequestServices.GetRequiredService<CallerRateBudget>().For(key))
            : RateLimitPartition.GetNoLimiter(string.Empty));
        limiter.OnRejected = async (rejected, cancellationToken) =>
        {
            var seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after)
                ? Math.Max(1, (int)Math.Ceiling(after.TotalSeconds))
                : 1;
            var response = rejected.HttpContext.Response;
            response.StatusCode = StatusCodes.Status429TooManyRequests;
            response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            await ProblemResponses.WriteAsync(rejected.HttpContext, new ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests",
                Detail = $"More than {tokensPerSecond} requests per second from this caller; retry after {seconds} s.",
            });
        };
    }

    /// <summary>Whether the request's caller is limited at all (see <see cref="RateLimitOptions"/>).</summary>
    public static bool IsLimited(HttpContext context, RateLimitOptions options) =>
        options.Enabled
        && (options.IsExplicit
            || context.RequestServices.GetRequiredService<AuthModeResolver>().Current == AuthMode.Required
            || context.Connection.RemoteIpAddress is not { } address
            || !IPAddress.IsLoopback(address));
}
