using System.Text.Json;
using System.Text.Json.Serialization;
using Orleans.Conversations.Engine;
using Orleans.Conversations.Grains.Events;
using Orleans.Conversations.Grains.Interfaces;
using Orleans.Conversations.Grains.Interfaces.Memory;

namespace Orleans.Conversations.Grains.State;

/// <summary>
/// A session as its events built it. Kept small: the recent-turn window, the recent-message window and what the
/// context remembers (see the limits on <see cref="SessionContext"/>) are bounded, the newest older messages are known
/// by an 8-byte digest of their ids (at most <see cref="MaxEarlierMessageDigests"/>), and everything else stays in the log.
/// </summary>
[GenerateSerializer]
public sealed class ConversationState : IJsonOnDeserialized
{
    /// <summary>
    /// How many of the latest user messages are recorded whole in <see cref="RecentMessages"/>; a retry of an older one
    /// is recognised by its digest in <see cref="EarlierMessageDigests"/> and answered from the log.
    /// </summary>
    public const int IdempotencyWindow = 32;

    /// <summary>
    /// How many digests of older message ids <see cref="EarlierMessageDigests"/> keeps: those of the newest ones. An
    /// id older still is looked up in the store (by its index), so that the state stays bounded however long the session.
    /// </summary>
    public const int MaxEarlierMessageDigests = 1024;

    /// <summary>The number of events applied: the stream version this state stands at.</summary>
    [Id(0)] public int Version { get; set; }

    /// <summary>Whether the first event, <c>SessionStarted</c> or <c>SessionForked</c>, has been applied.</summary>
    [Id(1)] public bool Started { get; set; }

    /// <summary>Who the session belongs to, if the client said.</summary>
    [Id(2)] public string? UserId { get; set; }

    /// <summary>When the session started.</summary>
    [Id(3)] public DateTimeOffset StartedAt { get; set; }

    /// <summary>When anything last happened.</summary>
    [Id(4)] public DateTimeOffset LastActivityAt { get; set; }

    /// <summary>How many user messages the session has received.</summary>
    [Id(5)] public int MessageCount { get; set; }

    /// <summary>The text of the first user message.</summary>
    [Id(6)] public string? FirstUserMessage { get; set; }

    /// <summary>What the session remembers about the user.</summary>
    [Id(7)] public SessionContext Context { get; set; } = SessionContext.Empty;

    /// <summary>How many turns <see cref="RecentTurns"/> keeps.</summary>
    [Id(8)] public int RecentTurnLimit { get; set; } = 20;

    /// <summary>The latest turns, oldest first.</summary>
    [Id(9)] public List<ConversationTurn> RecentTurns { get; set; } = [];

    /// <summary>The latest user messages, oldest first, at most <see cref="IdempotencyWindow"/>.</summary>
    [Id(10)] public List<MessageRecord> RecentMessages { get; set; } = [];

    /// <summary>The tenant of the session's owner.</summary>
    [Id(11)] public string OwnerTenant { get; set; } = Caller.DefaultTenant;

    /// <summary>The user id of the session's owner.</summary>
    [Id(12)] public string OwnerUserId { get; set; } = Caller.LocalUser;

    /// <summary>The title its owner gave the session, if any.</summary>
    [Id(13)] public string? Title { get; set; }

    /// <summary>
    /// The <see cref="MessageIdDigest"/> of the newest <see cref="MaxEarlierMessageDigests"/> user messages that have left
    /// <see cref="RecentMessages"/>, oldest first; null until one has.
    /// </summary>
    [Id(14)] public List<ulong>? EarlierMessageDigests { get; set; }

    /// <summary>Whether the session reads and writes its owner's memory (false for a temporary session).</summary>
    [Id(15)] public bool Memory { get; set; } = true;

    /// <summary>
    /// The latest context changes with their versions, oldest first, at most <see cref="MaxRecentContextChanges"/>: what
    /// the session adds on top of the user's memory for the changes the memory has not applied yet.
    /// </summary>
    [Id(16)] public List<VersionedContextChange> RecentContextChanges { get; set; } = [];

    /// <summary>The session this one was forked from, and at which of its versions; null for a session that was started.</summary>
    [Id(17)] public ForkOrigin? ForkedFrom { get; set; }

    /// <summary>
    /// How many of <see cref="MessageCount"/> a fork inherited with their replies: their ids are in the parent's stream,
    /// not in this one, so neither <see cref="RecentMessages"/> nor <see cref="EarlierMessageDigests"/> stands for them.
    /// </summary>
    [Id(18)] public int InheritedMessageCount { get; set; }

    /// <summary>For a fork made to regenerate a reply, the request's message id, which names the turn that answers <see cref="RegeneratedMessageId"/>.</summary>
    [Id(19)] public string? RegenerationId { get; set; }

    /// <summary>For a fork made to regenerate a reply, the inherited message it answers again.</summary>
    [Id(20)] public string? RegeneratedMessageId { get; set; }

    /// <summary>The id of the turn <paramref name="messageId"/> names: the regenerated message for its request's id, else itself.</summary>
    public string TurnIdOf(string messageId) =>
        RegenerationId is not null && RegenerationId == messageId ? RegeneratedMessageId! : messageId;

    /// <summary>How many context changes <see cref="RecentContextChanges"/> keeps.</summary>
    public const int MaxRecentContextChanges = 64;

    /// <summary>
    /// The context the session answers from: <paramref name="remembered"/> (the user's memory) with this session's own
    /// changes the memory has not applied yet on top; the session's own context when there is no memory to read.
    /// </summary>
    public SessionContext ContextWith(RememberedContext? remembered)
    {
        if (remembered is null)
            return Context;
        var context = remembered.Context;
        foreach (var change in RecentContextChanges)
        {
            if (change.Version > remembered.AppliedVersion)
                context = change.ApplyTo(context);
        }

        return context;
    }

    /// <summary>Whether <paramref name="caller"/> may see the session: its owner, or an admin of the owner's tenant.</summary>
    public bool CanBeReadBy(Caller caller) =>
        Started && string.Equals(OwnerTenant, caller.Tenant, StringComparison.Ordinal)
        && (caller.IsAdmin || string.Equals(OwnerUserId, caller.UserId, StringComparison.Ordinal));

    /// <summary>Whether <paramref name="caller"/> may add to the session: anyone before it starts, then only its owner.</summary>
    public bool CanBeWrittenBy(Caller caller) =>
        !Started || (string.Equals(OwnerTenant, caller.Tenant, StringComparison.Ordinal)
                     && string.Equals(OwnerUserId, caller.UserId, StringComparison.Ordinal));

    /// <summary>The record of a recent message, if it is one.</summary>
    public MessageRecord? FindMessage(string messageId)
    {
        var index = IndexOfMessage(messageId);
        return index < 0 ? null : RecentMessages[index];
    }

    /// <summary>Where <paramref name="messageId"/> is in <see cref="RecentMessages"/>, or -1.</summary>
    public int IndexOfMessage(string messageId)
    {
        var guid = MessageRecord.AsCanonicalGuid(messageId);
        for (var i = RecentMessages.Count - 1; i >= 0; i--)
        {
            if (RecentMessages[i].Is(messageId, guid))
                return i;
        }

        return -1;
    }

    /// <summary>
    /// Whether a message id not among <see cref="RecentMessages"/> may belong to an earlier message: its digest is one of
    /// those kept, or the session has older messages than those digests stand for. When it is neither, the id was never
    /// stored and the store need not be asked.
    /// </summary>
    public bool MayBeEarlierMessage(string messageId) =>
        EarlierMessageDigests is { } digests
        && (MessageCount - InheritedMessageCount - RecentMessages.Count > digests.Count
            || System.Runtime.InteropServices.CollectionsMarshal.AsSpan(digests).Contains(MessageIdDigest.Of(messageId)));

    /// <summary>Applies one event of any type; the only way the state changes.</summary>
    public void Apply(SessionEvent @event)
    {
        Version++;
        LastActivityAt = @event.At;
        switch (@event)
        {
            case SessionStarted e: Apply(e); break;
            case SessionForked e: Apply(e); break;
            case UserMessageReceived e: Apply(e); break;
            case AssistantReplied e: Apply(e); break;
            case ContextUpdated e: Apply(e); Changed(new(Version, e.Key, e.Value, false)); break;
            case ContextForgotten e: Apply(e); Changed(new(Version, e.Key, null, true)); break;
            case ContextItemForgotten e: Context = Context.WithoutItem(e.Key, e.Value); Changed(new(Version, e.Key, e.Value, true)); break;
            case SessionRenamed e: Title = e.Title; break;
            case ReplyFailed: break;
        }
    }

    private void Apply(SessionStarted started)
    {
        Started = true;
        UserId = started.UserId;
        OwnerTenant = started.Tenant ?? Caller.DefaultTenant;
        OwnerUserId = started.Owner ?? Caller.LocalUser;
        StartedAt = started.At;
        RecentTurnLimit = Math.Max(1, started.RecentTurnLimit);
        Memory = started.Memory;
    }

    /// <summary>
    /// Takes over the parent's state as the fork carries it. The parent's context changes are not carried as recent
    /// changes: their versions are the parent's, and a fork with memory on answers from the memory (which learns them
    /// from the parent) with only its own newer changes on top, as any new session of the user does.
    /// </summary>
    private void Apply(SessionForked forked)
    {
        var inherited = forked.Inherited;
        Started = true;
        ForkedFrom = forked.ForkedFrom;
        UserId = inherited.UserId;
        OwnerTenant = forked.Tenant;
        OwnerUserId = forked.Owner;
        StartedAt = forked.At;
        RecentTurnLimit = Math.Max(1, inherited.RecentTurnLimit);
        Memory = forked.Memory;
        MessageCount = inherited.MessageCount;
        FirstUserMessage = inherited.FirstUserMessage;
        Title = inherited.Title;
        Context = inherited.Context;
        RecentTurns = [.. inherited.RecentTurns];
        RecentMessages = inherited.Unanswered is { } unanswered ? [new MessageRecord(unanswered.MessageId, Version)] : [];
        InheritedMessageCount = MessageCount - RecentMessages.Count;
        if (forked.RegenerationId is { } requestId && inherited.Unanswered is { } message)
            (RegenerationId, RegeneratedMessageId) = (requestId, message.MessageId);
    }

    /// <summary>
    /// What a fork made at this state inherits: all but the message ids, except that of a last message still without a
    /// reply, which the fork keeps to answer it. Bounded like the state, whatever the length of the history.
    /// </summary>
    public InheritedSession ToInherited()
    {
        var unanswered = RecentMessages is [.., var last] && last.ReplyVersion is null
            && RecentTurns is [.., { Role: TurnRoles.User } turn]
            ? new UnansweredMessage(last.MessageId, turn.Text, turn.At)
            : null;
        return new InheritedSession(UserId, RecentTurnLimit, MessageCount, FirstUserMessage, Title, Context, [.. RecentTurns], unanswered);
    }

    private void Changed(VersionedContextChange change)
    {
        RecentContextChanges.Add(change);
        if (RecentContextChanges.Count > MaxRecentContextChanges)
            RecentContextChanges.RemoveAt(0);
    }

    private void Apply(UserMessageReceived message)
    {
        MessageCount++;
        FirstUserMessage ??= message.Text;
        AddTurn(new ConversationTurn(TurnRoles.User, message.Text, message.At));
        RecentMessages.Add(new MessageRecord(message.MessageId, Version));
        if (RecentMessages.Count > IdempotencyWindow)
        {
            var digest = MessageIdDigest.Of(RecentMessages[0].MessageId);
            RecentMessages.RemoveAt(0);
            var digests = EarlierMessageDigests ??= [];
            if (digests.Count >= MaxEarlierMessageDigests)
                digests.RemoveAt(0);
            digests.Add(digest);
        }
    }

    private void Apply(AssistantReplied reply)
    {
        AddTurn(new ConversationTurn(TurnRoles.Assistant, reply.Text, reply.At));
        var index = IndexOfMessage(reply.InReplyTo);
        if (index >= 0)
            RecentMessages[index] = RecentMessages[index].AnsweredAt(Version);
    }

    /// <summary>
    /// Refuses a snapshot written before <see cref="EarlierMessageDigests"/> was kept (or missing some of them), so that
    /// the session is rebuilt from its events instead and knows the message ids it has stored. One written before the
    /// digests were capped (sorted rather than oldest first) is cut to the cap: which digests go does not matter, since
    /// every id beyond those kept is looked up in the store.
    /// </summary>
    void IJsonOnDeserialized.OnDeserialized()
    {
        var earlier = MessageCount - InheritedMessageCount - RecentMessages.Count;
        var kept = EarlierMessageDigests?.Count ?? 0;
        if (kept < Math.Min(earlier, MaxEarlierMessageDigests) || kept > earlier)
            throw new JsonException("The snapshot does not record the digests of the earlier message ids.");
        if (kept > MaxEarlierMessageDigests)
            EarlierMessageDigests!.RemoveRange(0, kept - MaxEarlierMessageDigests);
    }

    private void Apply(ContextUpdated updated) => Context = Context.With(updated.Key, updated.Value);

    private void Apply(ContextForgotten forgotten) => Context = Context.Without(forgotten.Key);

    private void AddTurn(ConversationTurn turn)
    {
        RecentTurns.Add(turn);
        if (RecentTurns.Count > RecentTurnLimit)
            RecentTurns.RemoveRange(0, RecentTurns.Count - RecentTurnLimit);
    }
}
