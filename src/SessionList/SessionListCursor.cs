using System.Buffers.Binary;

namespace Orleans.Conversations.SessionList;

/// <summary>Where a page of a user's sessions (newest activity first) ends: an opaque token for the next page.</summary>
public readonly record struct SessionListCursor(DateTimeOffset LastActivityAt, Guid SessionId)
{
    private const byte Format = 1;
    private const int Length = 1 + 8 + 16;

    /// <summary>The token a client sends back.</summary>
    public string ToToken()
    {
        Span<byte> bytes = stackalloc byte[Length];
        bytes[0] = Format;
        BinaryPrimitives.WriteInt64BigEndian(bytes[1..], LastActivityAt.UtcTicks);
        SessionId.TryWriteBytes(bytes[9..]);
        return Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>Reads a token made by <see cref="ToToken"/>; false for anything else, whatever it is.</summary>
    public static bool TryParse(string? token, out SessionListCursor cursor)
    {
        cursor = default;
        if (token is null || token.Length is 0 or > 64)
            return false;
        var base64 = token.Replace('-', '+').Replace('_', '/');
        base64 += new string('=', (4 - (base64.Length % 4)) % 4);
        Span<byte> bytes = stackalloc byte[48];
        if (!Convert.TryFromBase64String(base64, bytes, out var written) || written != Length || bytes[0] != Format)
            return false;
        var ticks = BinaryPrimitives.ReadInt64BigEndian(bytes[1..]);
        if (ticks < DateTimeOffset.MinValue.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks)
            return false;
        cursor = new SessionListCursor(new DateTimeOffset(ticks, TimeSpan.Zero), new Guid(bytes.Slice(9, 16)));
        return true;
    }
}
