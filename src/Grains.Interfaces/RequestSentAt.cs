using Orleans.Runtime;

namespace Orleans.Conversations.Grains.Interfaces;

/// <summary>
/// When a caller first sent a request, carried in Orleans' request context: a copy of the request can reach a grain
/// late (held up by a partition after the caller sent it again elsewhere), and the grain judges such a copy by it.
/// </summary>
public static class RequestSentAt
{
    private const string Key = "conversations.sentAt";

    /// <summary>Records <paramref name="sentAt"/> for the grain calls made from here on in this async flow.</summary>
    public static void Set(DateTimeOffset sentAt) => RequestContext.Set(Key, sentAt.ToUnixTimeMilliseconds());

    /// <summary>When the request being served was first sent, if its caller said.</summary>
    public static DateTimeOffset? Get() =>
        RequestContext.Get(Key) is long milliseconds ? DateTimeOffset.FromUnixTimeMilliseconds(milliseconds) : null;
}
