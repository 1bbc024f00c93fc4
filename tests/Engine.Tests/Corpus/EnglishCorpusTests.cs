using Xunit;

namespace Orleans.Conversations.Engine.Tests.Corpus;

public sealed class EnglishCorpusTests
{
    private static readonly Dictionary<int, CorpusCase> _cases = EnglishCorpus.Read().ToDictionary(c => c.Line, c => c.Case);

    public static TheoryData<int, string> Lines()
    {
        var lines = new TheoryData<int, string>();
        foreach (var (line, corpusCase) in _cases) lines.Add(line, corpusCase.Message);
        return lines;
    }

    [Theory]
    [MemberData(nameof(Lines))]
    public async Task each_corpus_line_gets_its_labelled_changes_and_reply(int line, string message)
    {
        var corpusCase = _cases[line];
        Assert.Equal(corpusCase.Message, message);

        var (changes, reply) = await CorpusConversation.PlayAsync(corpusCase);

        Assert.Equal(corpusCase.Changes, changes);
        if (corpusCase.Reply is not null) Assert.Equal(corpusCase.Reply, reply);
        foreach (var part in corpusCase.ReplyContains ?? []) Assert.Contains(part, reply, StringComparison.Ordinal);
    }
}
