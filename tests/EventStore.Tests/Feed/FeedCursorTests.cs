namespace Orleans.Conversations.EventStore.Tests.Feed;

public sealed class FeedCursorTests
{
    public static TheoryData<ulong, long> Cursors => new()
    {
        { 0, 0 }, { 1, 1 }, { 740, 123_456 }, { ulong.MaxValue, long.MaxValue }, { (ulong)uint.MaxValue + 1, 1L << 40 },
    };

    [Theory]
    [MemberData(nameof(Cursors))]
    public void a_cursor_survives_its_token_which_is_url_safe(ulong transactionId, long position)
    {
        var cursor = new FeedCursor(transactionId, position);

        var token = cursor.ToToken();

        Assert.True(FeedCursor.TryParse(token, out var parsed));
        Assert.Equal(cursor, parsed);
        Assert.Equal(token, Uri.EscapeDataString(token));
    }

    public static TheoryData<string?> Garbage()
    {
        var valid = new FeedCursor(740, 123_456).ToToken();
        var wrongVersion = System.Buffers.Text.Base64Url.DecodeFromChars(valid);
        wrongVersion[0] = 2;
        var negative = System.Buffers.Text.Base64Url.DecodeFromChars(valid);
        negative[9] = 0xFF;
        return new()
        {
            null, "", " ", "null", "0", valid[..^1], valid + "A",
            valid.Replace(valid[5], '='), valid[..^1] + "+", valid[..^1] + "/", valid[..^1] + "B",
            System.Buffers.Text.Base64Url.EncodeToString(wrongVersion), System.Buffers.Text.Base64Url.EncodeToString(negative),
            Convert.ToBase64String(Guid.NewGuid().ToByteArray()), System.Buffers.Text.Base64Url.EncodeToString(new byte[17]),
            new string('A', 23), new string('z', 100_000), "\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0", "ÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿ",
            "\uD800AAAAAAAAAAAAAAAAAAAAAA",
        };
    }

    [Theory]
    [MemberData(nameof(Garbage))]
    public void anything_that_is_not_a_token_is_refused_without_an_exception(string? token)
    {
        Assert.False(FeedCursor.TryParse(token, out var cursor));
        Assert.Equal(FeedCursor.Start, cursor);
    }

    [Fact]
    public void random_strings_never_make_try_parse_throw()
    {
        var random = new Random(12);
        for (var i = 0; i < 20_000; i++)
        {
            var chars = new char[random.Next(30)];
            for (var c = 0; c < chars.Length; c++)
                chars[c] = random.Next(4) == 0 ? (char)random.Next(char.MaxValue) : "ABCabc019-_=+/"[random.Next(14)];
            FeedCursor.TryParse(new string(chars), out _);
        }
    }
}
