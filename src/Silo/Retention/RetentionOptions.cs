using System.ComponentModel.DataAnnotations;

namespace Orleans.Conversations.Silo.Retention;

/// <summary>Deleting sessions nobody uses any more (configuration section <c>Retention</c>).</summary>
public sealed class RetentionOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Retention";

    /// <summary>
    /// Sessions idle for longer than this are deleted for good, events and all (<c>Retention__DeleteIdleAfter</c>);
    /// unset, none is.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "36500.00:00:00")]
    public TimeSpan? DeleteIdleAfter { get; set; }

    /// <summary>How often a silo looks for idle sessions (<c>Retention__CheckInterval</c>).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "1.00:00:00")]
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// A pass is skipped while the session list trails the event store by more than this
    /// (<c>Retention__MaxProjectionLag</c>): its idea of who is idle would be out of date. Each session also checks its
    /// own last activity before it lets itself be deleted.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "1.00:00:00")]
    public TimeSpan MaxProjectionLag { get; set; } = TimeSpan.FromSeconds(5);
}
