using System.Threading.RateLimiting;

namespace Orleans.Conversations.HttpApi.Security;

/// <summary>
/// The token buckets of the per-caller rate limit, shared by the rate limiting middleware (one token a request) and the
/// WebSocket route (one token a message frame), so that a socket cannot send past what its caller may.
/// </summary>
internal sealed class CallerRateBudget : IDisposable
{
    private readonly PartitionedRateLimiter<string> _buckets;
    private readonly RateLimitOptions _options;

    public CallerRateBudget(RateLimitOptions options)
    {
        _options = options;
        var tokensPerSecond = options.TokensPerSecond ?? RateLimitOptions.DefaultTokensPerSecond;
        var burst = options.Burst ?? RateLimitOptions.DefaultBurst;
        _buckets = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = burst,
            TokensPerPeriod = tokensPerSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
    }

    /// <summary>The bucket of <paramref name="key"/>, as a limiter of its own for the middleware's partition.</summary>
    public RateLimiter For(string key) => new View(_buckets, key);

    /// <summary>Takes one token for the request's caller, if it is limited at all; false (and when to retry) past the limit.</summary>
    public bool TryTake(HttpContext context, out TimeSpan retryAfter)
    {
        retryAfter = TimeSpan.Zero;
        if (!CallerRateLimiting.IsLimited(context, _options))
            return true;
        using var lease = _buckets.AttemptAcquire(CallerClaims.RateLimitKey(context));
        if (lease.IsAcquired)
            return true;
        retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromSeconds(1);
        return false;
    }

    public void Dispose() => _buckets.Dispose();

    /// <summary>One caller's bucket; disposing it leaves the bucket to the shared limiter, which drops it once idle.</summary>
    private sealed class View(PartitionedRateLimiter<string> buckets, string key) : RateLimiter
    {
        private long _lastUsed = Environment.TickCount64;

        public override TimeSpan? IdleDuration => TimeSpan.FromMilliseconds(Environment.TickCount64 - Interlocked.Read(ref _lastUsed));

        public override RateLimiterStatistics? GetStatistics() => buckets.GetStatistics(key);

        protected override RateLimitLease AttemptAcquireCore(int permitCount)
        {
            Interlocked.Exchange(ref _lastUsed, Environment.TickCount64);
            return buckets.AttemptAcquire(key, permitCount);
        }

        protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
        {
            Interlocked.Exchange(ref _lastUsed, Environment.TickCount64);
            return buckets.AcquireAsync(key, permitCount, cancellationToken);
        }
    }
}
