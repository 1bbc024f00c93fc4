namespace Orleans.Conversations.Engine.Embedded;

/// <summary>
/// How a name is read after "my name is", "call me" or a bare "I'm": up to five name-like words, stopping at the
/// first word that starts another thought. A bare "I'm X" only counts when X looks like a capitalized name that ends
/// the clause, so that "I'm tired", "I'm Italian" or "I'm a developer" never become names.
/// </summary>
internal static class NameRules
{
    private const int MaxWords = 5;

    private static readonly HashSet<string> _stopWords = Words(
        "and but or so from in at who which that because since though although btw by i i'm im i’m nice thanks thank " +
        "please what how not too lol haha here now actually also if when where with for is are am was were you your " +
        "my me it its it's to just ok okay yes yeah hello hi hey bye and & the a an of instead again then anyway anyways " +
        "rather");

    private static readonly HashSet<string> _notANameAfterNameIs = Words(
        "a an the not no none secret private unknown nothing irrelevant hidden whatever why what who hard difficult " +
        "long complicated weird unimportant");

    private static readonly HashSet<string> _notANameAfterCallMe = Words(
        "later back tomorrow tonight today soon now again anytime sometime whenever when if maybe please on at in by " +
        "after before crazy old-fashioned lazy stupid silly weird naive paranoid biased cynical picky sentimental " +
        "skeptical sceptical old a an the what whatever anything something nothing anyone someone names ever " +
        "sometimes once twice up out over baby babe honey sweetie dude bro mate");

    private static readonly HashSet<string> _notANameAfterIAm = Words(
        "a an the not so very really just also still here there back home fine good great ok okay well sorry sure " +
        "glad happy sad tired bored busy done ready hungry thirsty sick ill new old young interested looking trying " +
        "going working feeling thinking learning from in at on into with your my his her their our all always never " +
        "only too kind pretty quite almost about gonna like married single retired vegan vegetarian christian " +
        "catholic protestant muslim jewish hindu buddhist atheist agnostic american british english french german " +
        "italian spanish portuguese brazilian mexican canadian australian indian chinese japanese korean russian " +
        "ukrainian polish dutch swedish norwegian danish finnish irish scottish welsh greek turkish egyptian " +
        "nigerian african european asian latino latina arab persian israeli swiss austrian belgian czech hungarian " +
        "romanian argentinian chilean colombian peruvian cuban filipino vietnamese thai indonesian pakistani " +
        "bangladeshi iranian iraqi kenyan ethiopian moroccan serbian croatian bosnian bulgarian icelandic londoner " +
        "parisian texan californian gay straight bi trans male female human man woman boy girl student teacher " +
        "engineer developer programmer doctor nurse lawyer ceo cto sorry afraid excited confused lost curious " +
        "starving stuck monday tuesday wednesday thursday friday saturday sunday alright alive awake online " +
        "offline bilingual left right");

    /// <summary>Titles written with a dot that open a name: "Dr. Ada Lovelace".</summary>
    private static readonly HashSet<string> _titles = Words("dr mr mrs ms mx prof rev sir st");

    private static readonly HashSet<string> _particles = Words(
        "van von de da di del della der den la le du bin ibn al el y dos das ter");

    private static readonly HashSet<string> _allowedAfterBareName = Words(
        "and but from so btw by nice here too again lol haha instead anyway anyways");

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

    private static HashSet<string> Words(string words) =>
        new(words.Split(' ', StringSplitOptions.RemoveEmptyEntries), StringComparer.OrdinalIgnoreCase);
}
