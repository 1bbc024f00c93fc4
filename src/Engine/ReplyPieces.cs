namespace Orleans.Conversations.Engine;

/// <summary>Cuts a whole reply into word-sized pieces for streaming, each with the spaces that follow it.</summary>
public static class ReplyPieces
{
    /// <summary>The pieces of <paramref name="reply"/>; they concatenate to it exactly.</summary>
    public static IEnumerable<string> Words(string reply)
    {
        var start = 0;
        for (var i = 0; i < reply.Length; i++)
        {
            if (char.IsWhiteSpace(reply[i]) && (i + 1 == reply.Length || !char.IsWhiteSpace(reply[i + 1])))
            {
                yield return reply[start..(i + 1)];
                start = i + 1;
            }
        }

        if (start < reply.Length)
            yield return reply[start..];
    }
}
