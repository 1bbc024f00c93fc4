using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace Orleans.Conversations.Grains.State;

/// <summary>
/// A 64-bit digest of a message id (XxHash3 of its UTF-16 code units), the same in every process and release: 8 bytes
/// stand for an id of up to 128 characters in the record of a session's older messages.
/// </summary>
public static class MessageIdDigest
{
    /// <summary>The digest of <paramref name="messageId"/>.</summary>
    public static ulong Of(string messageId) => XxHash3.HashToUInt64(MemoryMarshal.AsBytes(messageId.AsSpan()));
}
