using System.Buffers.Binary;
using System.Buffers.Text;

namespace Orleans.Conversations.EventStore;

/// <summary>
/// A place in the <see cref="IEventFeed"/>: the transaction that wrote an event and its position, in the order the
/// feed is read. <see cref="ToToken"/> and <see cref="TryParse"/> turn it into an opaque, URL-safe token and back.
/// </summary>
/// <param name="TransactionId">The PostgreSQL transaction id (<c>xid8</c>) of the event's transaction.</param>
/// <param name="Position">The event's <c>global_position</c>.</param>
public readonly record struct FeedCursor(ulong TransactionId, long Position)
{
    private const byte TokenVersion = 1;
    private const int TokenBytes = 1 + sizeof(ulong) + sizeof(long);
    private static readonly int TokenLength = Base64Url.GetEncodedLength(TokenBytes);

    /// <summary>Before the first event.</summary>
    public static FeedCursor Start => default;

    /// <summary>The cursor as an opaque, URL-safe token.</summary>
    public string ToToken()
    {
        Span<byte> bytes = stackalloc byte[TokenBytes];
        bytes[0] = TokenVersion;
        BinaryPrimitives.WriteUInt64BigEndian(bytes[1..], TransactionId);
        BinaryPrimitives.WriteInt64BigEndian(bytes[(1 + sizeof(ulong))..], Position);
        return Base64Url.EncodeToString(bytes);
    }

    /// <summary>Reads a token made by <see cref="ToToken"/>; false, never an exception, for anything else.</summary>
    public static bool TryParse(string? token, out FeedCursor cursor)
    {
        cursor = default;
        if (token is null || token.Length != TokenLength || !token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            return false;

        Span<byte> bytes = stackalloc byte[TokenBytes];
        try
        {
            if (!Base64Url.TryDecodeFromChars(token, bytes, out var written) || written != TokenBytes || bytes[0] != TokenVersion)
                return false;
        }
        catch (FormatException)
        {
            // TryDecodeFromChars throws, rather than returning false, when the unused bits of the last character are set.
            return false;
        }

        var parsed = new FeedCursor(
            BinaryPrimitives.ReadUInt64BigEndian(bytes[1..]),
            BinaryPrimitives.ReadInt64BigEndian(bytes[(1 + sizeof(ulong))..]));
        if (parsed.Position < 0 || parsed.ToToken() != token)
            return false;

        cursor = parsed;
        return true;
    }

    /// <inheritdoc/>
    public override string ToString() => $"{TransactionId}/{Position}";
}
