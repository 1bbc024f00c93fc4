namespace Orleans.Conversations.Access.Tests;

public sealed class ApiKeyFormatTests
{
    [Fact]
    public void a_new_key_parses_back_to_its_id()
    {
        var key = ApiKeyFormat.NewKey(out var id);

        Assert.Equal(ApiKeyFormat.KeyLength, key.Length);
        Assert.StartsWith($"ock_{id}_", key, StringComparison.Ordinal);
        Assert.True(ApiKeyFormat.TryParse(key, out var parsed));
        Assert.Equal(id, parsed);
        Assert.True(ApiKeyFormat.IsValidId(id));
    }

    [Fact]
    public void new_keys_differ()
    {
        var keys = Enumerable.Range(0, 1000).Select(_ => ApiKeyFormat.NewKey(out string _)).ToHashSet();

        Assert.Equal(1000, keys.Count);
    }

    [Fact]
    public void the_hash_is_the_sha256_of_the_whole_key()
    {
        var key = ApiKeyFormat.NewKey(out _);

        Assert.Equal(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key)), ApiKeyFormat.Hash(key));
        Assert.Equal(32, ApiKeyFormat.Hash(key).Length);
    }

    public static TheoryData<string?> NotKeys()
    {
        var key = ApiKeyFormat.NewKey(out _);
        return new TheoryData<string?>
        {
            null,
            "",
            "ock_",
            "ocx" + key[3..],
            "OCK_" + key[4..],
            key[..^1],
            key + "A",
            key[..15] + "_" + key[15] + key[17..],
            key.Replace('_', '-'),
            key[..10] + "+" + key[11..],
            key[..^1] + "=",
            key[..^1] + "é",
            key[..^1] + "\0",
            key[..^2] + "\uD83D\uDD11",
            "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl",
            "ock_" + new string('a', 100 * 1024),
        };
    }

    [Theory]
    [MemberData(nameof(NotKeys))]
    public void a_string_that_is_not_a_key_is_refused(string? presented)
    {
        Assert.False(ApiKeyFormat.TryParse(presented, out var id));
        Assert.Equal("", id);
    }
}
