using Microsoft.Extensions.Options;
using Npgsql;

namespace Orleans.Conversations.EventStore;

/// <summary>Rejects settings the event store cannot work with, naming the setting at fault.</summary>
internal sealed class PostgresEventStoreOptionsValidator : IValidateOptions<PostgresEventStoreOptions>
{
    public ValidateOptionsResult Validate(string? name, PostgresEventStoreOptions options)
    {
        var failures = new List<string>();
        if (options.DataSource is not null)
        {
            if (!string.IsNullOrWhiteSpace(options.ConnectionString))
                failures.Add($"Event store '{name}': set ConnectionString or DataSource, not both.");
        }
        else if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            failures.Add($"Event store '{name}': ConnectionString is missing (or give it a DataSource).");
        }
        else
        {
            try
            {
                _ = new NpgsqlConnectionStringBuilder(options.ConnectionString);
            }
            catch (ArgumentException exception)
            {
                failures.Add($"Event store '{name}': ConnectionString is not a valid Npgsql connection string: {exception.Message}");
            }
        }

        if (options.SnapshotInterval < 0)
            failures.Add($"Event store '{name}': SnapshotInterval must be 0 (off) or positive, not {options.SnapshotInterval}.");
        if (options.SnapshotsKept < 1)
            failures.Add($"Event store '{name}': SnapshotsKept must be 1 or more, not {options.SnapshotsKept}.");
        if (options.MaxRetryDelay <= TimeSpan.Zero)
            failures.Add($"Event store '{name}': MaxRetryDelay must be positive, not {options.MaxRetryDelay}.");
        if (options.MaxAppendBatchSize < 1)
            failures.Add($"Event store '{name}': MaxAppendBatchSize must be 1 or more, not {options.MaxAppendBatchSize}.");
        if (options.ConcurrentAppendBatches < 1)
            failures.Add($"Event store '{name}': ConcurrentAppendBatches must be 1 or more, not {options.ConcurrentAppendBatches}.");
        if (options.EventTypes.Count == 0)
            failures.Add($"Event store '{name}': EventTypes maps no event type; map each event with EventTypes.Add<T>(name).");

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
