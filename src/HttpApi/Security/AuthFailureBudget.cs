using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Orleans.Conversations.HttpApi.Security;

/// <summary>
/// Failed authentications per client address (an IPv6 address counts by its /64): a token bucket of
/// <see cref="RateLimitOptions.AuthFailureBurst"/> refilled at <see cref="RateLimitOptions.AuthFailuresPerMinute"/>.
/// Each request that brings a credential reserves a token before it is checked and gets it back if the credential was
/// good, so that requests sent at once cannot overdraw the budget.
/// </summary>
internal sealed class AuthFailureBudget(RateLimitOptions options, TimeProvider timeProvider)
{
    /// <summary>How many addresses are tracked at most; past it, full buckets are dropped, and new addresses go unlimited.</summary>
    private const int MaxAddresses = 100_000;

    private readonly ConcurrentDictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);

    /// <summary>The address whose budget a request spends.</summary>
    public static string AddressOf(HttpContext context)
    {
        if (context.Connection.RemoteIpAddress is not { } address)
            return string.Empty;
        if (address.IsIPv4MappedToIPv6)
            return address.MapToIPv4().ToString();
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
            return address.ToString();
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    /// <summary>Takes a token from <paramref name="address"/>'s budget; false, with when one is back, if it has none.</summary>
    public bool TryReserve(string address, out TimeSpan retryAfter)
    {
        retryAfter = TimeSpan.Zero;
        var now = timeProvider.GetUtcNow();
        if (!_buckets.TryGetValue(address, out var bucket))
        {
            if (_buckets.Count >= MaxAddresses)
                DropFull(now);
            if (_buckets.Count >= MaxAddresses)
                return true;
            bucket = _buckets.GetOrAdd(address, _ => new Bucket(options.AuthFailureBurst, now));
        }

        lock (bucket)
        {
            Refill(bucket, now);
            if (bucket.Tokens >= 1)
            {
                bucket.Tokens -= 1;
                return true;
            }

            retryAfter = TimeSpan.FromMinutes((1 - bucket.Tokens) / options.AuthFailuresPerMinute);
            return false;
        }
    }

    /// <summary>Gives back the token of a request whose credential was good.</summary>
    public void Refund(string address)
    {
        if (!_buckets.TryGetValue(address, out var bucket))
            return;
        lock (bucket)
            bucket.Tokens = Math.Min(options.AuthFailureBurst, bucket.Tokens + 1);
    }

    private void Refill(Bucket bucket, DateTimeOffset now)
    {
        var minutes = (now - bucket.RefilledAt).TotalMinutes;
        if (minutes <= 0)
            return;
        bucket.Tokens = Math.Min(options.AuthFailureBurst, bucket.Tokens + (minutes * options.AuthFailuresPerMinute));
        bucket.RefilledAt = now;
    }

    private void DropFull(DateTimeOffset now)
    {
        foreach (var (address, bucket) in _buckets)
        {
            lock (bucket)
            {
                Refill(bucket, now);
                if (bucket.Tokens >= options.AuthFailureBurst)
                    _buckets.TryRemove(KeyValuePair.Create(address, bucket));
            }
        }
    }

    private sealed class Bucket(double tokens, DateTimeOffset refilledAt)
    {
        public double Tokens { get; set; } = tokens;

        public DateTimeOffset RefilledAt { get; set; } = refilledAt;
    }
}
