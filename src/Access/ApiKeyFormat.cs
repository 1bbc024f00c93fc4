using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace Orleans.Conversations.Access;

/// <summary>
/// The shape of an API key: <c>ock_</c>, a public id of 12 base62 characters, <c>_</c>, and a secret of 43 base62
/// characters (256 bits). The id names the key in listings and logs; only a SHA-256 of the whole key is stored.
/// </summary>
public static class ApiKeyFormat
{
    /// <summary>What every key starts with, so that a leaked key is easy to recognise.</summary>
    public const string Prefix = "ock_";

    /// <summary>The length of the public id.</summary>
    public const int IdLength = 12;

    /// <summary>The length of the secret.</summary>
    public const int SecretLength = 43;

    /// <summary>The length of a whole key.</summary>
    public const int KeyLength = 4 + IdLength + 1 + SecretLength;

    private const string Base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static readonly SearchValues<char> Alphabet = SearchValues.Create(Base62);

    /// <summary>A new random key, and its id in <paramref name="id"/>.</summary>
    public static string NewKey(out string id)
    {
        id = RandomNumberGenerator.GetString(Base62, IdLength);
        return $"{Prefix}{id}_{RandomNumberGenerator.GetString(Base62, SecretLength)}";
    }

    /// <summary>
    /// Whether <paramref name="presented"/> has the shape of a key, and its id if so. Any input is safe: nothing is
    /// thrown and nothing proportional to a long input is done.
    /// </summary>
    public static bool TryParse(string? presented, out string id)
    {
        id = "";
        if (presented is null || presented.Length != KeyLength || !presented.StartsWith(Prefix, StringComparison.Ordinal))
            return false;
        var idPart = presented.AsSpan(Prefix.Length, IdLength);
        if (presented[Prefix.Length + IdLength] != '_' || !IsBase62(idPart) || !IsBase62(presented.AsSpan(KeyLength - SecretLength)))
            return false;
        id = idPart.ToString();
        return true;
    }

    /// <summary>Whether <paramref name="id"/> has the shape of a key id.</summary>
    public static bool IsValidId(string? id) => id is { Length: IdLength } && IsBase62(id);

    /// <summary>The SHA-256 of the UTF-8 of the whole key: what the table stores in place of the key.</summary>
    public static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    private static bool IsBase62(ReadOnlySpan<char> value) => !value.ContainsAnyExcept(Alphabet);
}
