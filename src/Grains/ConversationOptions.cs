using System.ComponentModel.DataAnnotations;
using Orleans.Conversations.Grains.Interfaces;

namespace Orleans.Conversations.Grains;

/// <summary>Timings and memory of conversation sessions (configuration section <c>Conversations</c>, which also holds <c>MessageLimitOptions</c>).</summary>
public sealed class ConversationOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Conversations";

    /// <summary>How many recent turns a new session keeps in memory and shows (<c>Conversations__RecentTurns</c>).</summary>
    [Range(1, 1000)]
    public int RecentTurns { get; set; } = 20;

    /// <summary>How long a turn may wait for the event store to confirm it before the caller gets an error.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan ConfirmTimeout { get; set; } = TurnTimeouts.DefaultConfirmTimeout;
}
