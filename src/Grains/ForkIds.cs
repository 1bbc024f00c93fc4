using System.Security.Cryptography;
using System.Text;

namespace Orleans.Conversations.Grains;

/// <summary>
/// The id of a fork made for a request that carries an id of its own (an edit, a regeneration, an OpenAI turn): a
/// name-based UUID of the parent, the kind of fork, what it names and the request's id, so that a retry of the request
/// reaches the fork the first attempt made.
/// </summary>
internal static class ForkIds
{
    public static Guid For(Guid parent, string kind, string target, string requestId)
    {
        var name = $"{parent:N}/{kind}/{target.Length}:{target}/{requestId}";
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(name));
        // The layout of a version 8 (custom) UUID: the version in the high nibble of byte 6, the variant in byte 8.
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }
}
