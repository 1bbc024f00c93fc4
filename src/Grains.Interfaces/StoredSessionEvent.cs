namespace Orleans.Conversations.Grains.Interfaces;

/// <summary>One stored event of a session.</summary>
/// <param name="Version">Its position in the stream, from 1.</param>
/// <param name="Type">Its stable type name, such as <c>UserMessageReceived</c>.</param>
/// <param name="At">When it was stored (UTC).</param>
/// <param name="Data">Its data, as the JSON stored.</param>
[GenerateSerializer, Immutable]
public sealed record StoredSessionEvent(
    [property: Id(0)] int Version,
    [property: Id(1)] string Type,
    [property: Id(2)] DateTimeOffset At,
    [property: Id(3)] string Data);
