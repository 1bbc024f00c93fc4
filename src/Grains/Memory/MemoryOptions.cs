using System.ComponentModel.DataAnnotations;

namespace Orleans.Conversations.Grains.Memory;

/// <summary>The bounds of each user's memory (configuration section <c>Memory</c>).</summary>
public sealed class MemoryOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Memory";

    /// <summary>
    /// The most items a user's memory holds (<c>Memory__MaxItems</c>, default 200); when it is full, the item learned
    /// or corrected longest ago goes to make room for a new one.
    /// </summary>
    [Range(1, 10_000)]
    public int MaxItems { get; set; } = 200;

    /// <summary>How long a write to the memory may wait for the event store before its caller gets an error.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan ConfirmTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a session's turn waits for the memory before it answers from its own context alone.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan ReadTimeout { get; set; } = TimeSpan.FromSeconds(2);
}
