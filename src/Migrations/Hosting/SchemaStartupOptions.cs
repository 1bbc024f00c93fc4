using System.ComponentModel.DataAnnotations;

namespace Orleans.Conversations.Migrations.Hosting;

/// <summary>How the schema start-up waits for a database it cannot reach (configuration section <c>Schema</c>).</summary>
public sealed class SchemaStartupOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Schema";

    /// <summary>The wait after the first failed attempt; each later wait is twice as long, up to <see cref="MaxRetryDelay"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:10:00")]
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The longest wait between two attempts (<c>Schema__MaxRetryDelay</c>).</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:10:00")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long start-up waits for an unreachable database before it fails, naming it (<c>Schema__MaxWait</c>);
    /// <see cref="Timeout.InfiniteTimeSpan"/> waits for as long as start-up lasts, as a gateway does that answers
    /// <c>503</c> meanwhile.
    /// </summary>
    public TimeSpan MaxWait { get; set; } = TimeSpan.FromSeconds(10);
}
