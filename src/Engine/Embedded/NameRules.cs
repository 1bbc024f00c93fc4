using System.Collections.Frozen;
namespace Orleans.Conversations.Engine.Embedded;

/// <summary>
/// How a name is read after "my name is", "call me" or a bare "I'm": up to five name-like words, stopping at the
/// first word that starts another thought. A bare "I'm X" only counts when X looks like a capitalized name that ends
/// the clause, so that "I'm tired", "I'm Italian" or "I'm a developer" never become names.
/// </summary>
internal static class NameRules
{
    private const int MaxWords = 5;

    private static readonly FrozenSet<string> _stopWords = Lexicon.English.Words("stopWords");

    private static readonly FrozenSet<string> _notANameAfterNameIs = Lexicon.English.Words("notANameAfterNameIs");

    private static readonly FrozenSet<string> _notANameAfterCallMe = Lexicon.English.Words("notANameAfterCallMe");

    private static readonly FrozenSet<string> _notANameAfterIAm = Lexicon.English.Words("notANameAfterIAm");

    /// <summary>Titles written with a dot that open a name: "Dr. Ada Lovelace".</summary>
    private static readonly FrozenSet<string> _titles = Lexicon.English.Words("titles");

    private static readonly FrozenSet<string> _particles = Lexicon.English.Words("particles");

    private static readonly FrozenSet<string> _allowedAfterBareName = Lexicon.English.Words("allowedAfterBareName");

    /// <summary>
    /// The name at the start of <paramref name="text"/>[<paramref name="start"/>..], or null; <paramref name="end"/>
    /// is where the name stops in <paramref name="text"/>.
    /// </summary>
    public static string? Read(string text, int start, NameForm form, bool allCaps, out int end)
    {
        end = start;
        if (form == NameForm.Bare && allCaps) return null;

        var words = new List<string>();
        var nameStart = start;
        var pos = start;
        while (words.Count < MaxWords)
        {
            while (pos < text.Length && char.IsWhiteSpace(text[pos])) pos++;
            var tokenStart = pos;
            while (pos < text.Length && !char.IsWhiteSpace(text[pos])) pos++;
            if (pos == tokenStart) break;

            var token = text[tokenStart..pos];
            var leading = token.Length - token.TrimStart('"', '“', '„', '\'', '‘', '«', '‹').Length;
            var core = token[leading..].TrimEnd('.', ',', '!', '?', ';', ':', '…', '"', '”', '“', '\'', '’', '»', '›');
            var isInitial = token.EndsWith('.')
                && (core.Split('.').All(part => part.Length == 1) || (words.Count == 0 && _titles.Contains(core)));
            if (core.Length == 0 || !MessagePatterns.NameWord().IsMatch(core) || _stopWords.Contains(core)) break;
            if (words.Count == 0 && RejectsFirst(form, core)) return null;
            if (form == NameForm.Bare && !char.IsUpper(core[0]))
            {
                if (!_particles.Contains(core) || !NextStartsUpper(text, pos)) break;
            }

            if (words.Count == 0) nameStart = tokenStart + leading;
            words.Add(core);
            end = tokenStart + leading + core.Length + (isInitial ? 1 : 0);
            var punctuated = token.Length > leading + core.Length;
            if (punctuated && !isInitial) break;
        }

        if (words.Count == 0) return null;
        if (form == NameForm.CallMe && FollowedByBut(text, end)) return null;
        if (form == NameForm.Bare && !EndsClause(text, end)) return null;
        return MessageValues.Clean(text[nameStart..end]);
    }

    private static bool RejectsFirst(NameForm form, string word) => form switch
    {
        NameForm.Explicit => _notANameAfterNameIs.Contains(word),
        NameForm.CallMe => _notANameAfterCallMe.Contains(word),
        _ => _notANameAfterIAm.Contains(word) || !char.IsLetter(word[0]),
    };

    private static bool NextStartsUpper(string text, int pos)
    {
        while (pos < text.Length && char.IsWhiteSpace(text[pos])) pos++;
        return pos < text.Length && char.IsUpper(text[pos]);
    }

    /// <summary>"Call me crazy, but ..." is an idiom, not a name.</summary>
    private static bool FollowedByBut(string text, int end)
    {
        var rest = text[end..].TrimStart(' ', ',', '…', '.').TrimStart();
        return rest.StartsWith("but ", StringComparison.OrdinalIgnoreCase);
    }

    private static bool EndsClause(string text, int end)
    {
        var rest = text[end..].TrimStart();
        if (rest.Length == 0 || !char.IsLetterOrDigit(rest[0])) return true;
        return _allowedAfterBareName.Contains(MessageValues.FirstWord(rest));
    }
}
