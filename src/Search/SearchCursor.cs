using System.Buffers.Binary;
using System.Buffers.Text;

namespace Orleans.Conversations.Search;

/// <summary>
/// A position in a search's ranking (rank, newest first, then session and version), as an opaque token: a page read
/// after it has no hit of an earlier page.
/// </summary>
/// <param name="Rank">The hit's rank.</param>
/// <param name="At">When the hit was said.</param>
/// <param name="SessionId">Its session.</param>
/// <param name="Version">Its version.</param>
public sealed record SearchCursor(float Rank, DateTimeOffset At, Guid SessionId, int Version)
{
    private const byte Format = 1;
    private const int Length = 1 + 4 + 8 + 16 + 4;

    /// <summary>The cursor as a URL-safe token.</summary>
    public string ToToken()
    {
        Span<byte> bytes = stackalloc byte[Length];
        bytes[0] = Format;
        BinaryPrimitives.WriteSingleBigEndian(bytes[1..], Rank);
        BinaryPrimitives.WriteInt64BigEndian(bytes[5..], At.UtcTicks);
        SessionId.TryWriteBytes(bytes[13..], bigEndian: true, out _);
        BinaryPrimitives.WriteInt32BigEndian(bytes[29..], Version);
        return Base64Url.EncodeToString(bytes);
    }

    /// <summary>Reads a token that <see cref="ToToken"/> made; false for anything else.</summary>
    public static bool TryParse(string? token, out SearchCursor cursor)
    {
        cursor = null!;
        Span<byte> bytes = stackalloc byte[Length + 3];
        if (token is null || token.Length > 64 || !Base64Url.TryDecodeFromChars(token, bytes, out var written) || written != Length || bytes[0] != Format)
            return false;
        var rank = BinaryPrimitives.ReadSingleBigEndian(bytes[1..]);
        var ticks = BinaryPrimitives.ReadInt64BigEndian(bytes[5..]);
        var version = BinaryPrimitives.ReadInt32BigEndian(bytes[29..]);
        if (!float.IsFinite(rank) || rank < 0 || ticks < DateTimeOffset.MinValue.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks || version < 1)
            return false;
        cursor = new SearchCursor(rank, new DateTimeOffset(ticks, TimeSpan.Zero), new Guid(bytes.Slice(13, 16), bigEndian: true), version);
        return true;
    }
}
