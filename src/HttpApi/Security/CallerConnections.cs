using Microsoft.Extensions.Options;

namespace Orleans.Conversations.HttpApi.Security;

/// <summary>The WebSockets and feed followers each caller holds open, capped by <see cref="ConnectionLimitOptions"/>.</summary>
internal sealed class CallerConnections(IOptions<ConnectionLimitOptions> options)
{
    private readonly OpenConnections _webSockets = new();
    private readonly OpenConnections _feedFollowers = new();

    /// <summary>A slot for one more WebSocket of the request's caller, to dispose when it closes; null past the cap.</summary>
    public IDisposable? TryOpenWebSocket(HttpContext context) =>
        _webSockets.TryOpen(CallerClaims.RateLimitKey(context), options.Value.MaxWebSocketsPerCaller);

    /// <summary>A slot for one more live feed follow of the request's caller; null past the cap.</summary>
    public IDisposable? TryFollowFeed(HttpContext context) =>
        _feedFollowers.TryOpen(CallerClaims.RateLimitKey(context), options.Value.MaxFeedFollowersPerCaller);
}
