using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace Orleans.Conversations.Gateway.Security;

/// <summary>The per-caller rate limit: past it, <c>429</c> with <c>Retry-After</c> and a problem body.</summary>
internal static class CallerRateLimiting
{
    public const string Policy = "caller";

    public static void Configure(RateLimiterOptions limiter, RateLimitOptions options)
    {
        limiter.AddPolicy(Policy, context => options.Enabled
            ? RateLimitPartition.GetTokenBucketLimiter(CallerClaims.RateLimitKey(context), _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = options.Burst,
                TokensPerPeriod = options.TokensPerSecond,
                ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                QueueLimit = 0,
                AutoReplenishment = true,
            })
            : RateLimitPartition.GetNoLimiter(string.Empty));
        limiter.OnRejected = async (rejected, cancellationToken) =>
        {
            var seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after)
                ? Math.Max(1, (int)Math.Ceiling(after.TotalSeconds))
                : 1;
            var response = rejected.HttpContext.Response;
            response.StatusCode = StatusCodes.Status429TooManyRequests;
            response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            var problems = rejected.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>();
            await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = rejected.HttpContext,
                ProblemDetails = new ProblemDetails
                {
                    Status = StatusCodes.Status429TooManyRequests,
                    Title = "Too many requests",
                    Detail = $"More than {options.TokensPerSecond} requests per second from this caller; retry after {seconds} s.",
                },
            });
        };
    }
}
