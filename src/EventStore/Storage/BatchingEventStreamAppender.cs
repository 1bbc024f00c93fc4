using System.Threading.Channels;
using Npgsql;
using NpgsqlTypes;

namespace Orleans.Conversations.EventStore.Storage;

/// <summary>
/// Groups the appends of many streams into one round trip and one transaction: while a batch is being written, the
/// appends that arrive queue up and go together in the next. Each stream keeps its own version check and gets its own
/// outcome; nothing waits on a timer. An append made while nothing is being written goes out at once from its caller,
/// without a hop to a writer and back. Appends that start a stream go on their own (they may wait for an erasure of
/// their owner's streams).
/// </summary>
internal sealed class BatchingEventStreamAppender : IEventStreamAppender, IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly EventStreamStore _single;
    private readonly int _maxBatchSize;
    private readonly Channel<PendingAppend> _queue = Channel.CreateUnbounded<PendingAppend>(new UnboundedChannelOptions { SingleReader = false });
    private readonly Task[] _writers;
    private long _batches;
    private int _writing;

    /// <summary>Starts <paramref name="concurrentBatches"/> writers of up to <paramref name="maxBatchSize"/> appends each.</summary>
    public BatchingEventStreamAppender(NpgsqlDataSource dataSource, int maxBatchSize, int concurrentBatches)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatchSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(concurrentBatches, 1);
        _dataSource = dataSource;
        _single = new EventStreamStore(dataSource);
        _maxBatchSize = maxBatchSize;
        _writers = [.. Enumerable.Range(0, concurrentBatches).Select(_ => Task.Run(WriteBatchesAsync))];
    }

    /// <summary>How many batches have been sent to the database.</summary>
    public long BatchesWritten => Interlocked.Read(ref _batches);

    /// <inheritdoc/>
    public Task<bool> AppendAsync(AppendRequest request, CancellationToken cancellationToken)
    {
        // An append that starts a stream may wait while its owner's streams are erased; alone, it holds up no other.
        if (request.ExpectedVersion == 0)
            return _single.AppendAsync(request, cancellationToken);

        if (Interlocked.CompareExchange(ref _writing, 1, 0) == 0)
            return AppendAloneAsync(request, cancellationToken);

        var pending = new PendingAppend(request);
        if (!_queue.Writer.TryWrite(pending))
            throw new ObjectDisposedException(nameof(BatchingEventStreamAppender));
        return pending.Outcome.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Writes an append that found nothing being written; the ones arriving meanwhile queue for the writers.</summary>
    private async Task<bool> AppendAloneAsync(AppendRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return await _single.AppendAsync(request, cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref _writing);
        }
    }

    private async Task WriteBatchesAsync()
    {
        var batch = new List<PendingAppend>(_maxBatchSize);
        while (await _queue.Reader.WaitToReadAsync())
        {
            while (batch.Count < _maxBatchSize && _queue.Reader.TryRead(out var pending))
                batch.Add(pending);
            if (batch.Count == 0)
                continue;

            Interlocked.Increment(ref _writing);
            try
            {
                var outcomes = await WriteAsync(batch);
                for (var i = 0; i < batch.Count; i++)
                    batch[i].Outcome.TrySetResult(outcomes[i]);
            }
            catch (PostgresException) when (batch.Count > 1)
            {
                // The server refused the statement, so nothing of it committed; one append's data (a character jsonb
                // cannot hold, say) must not fail the others, so each is written on its own and gets its own outcome.
                await WriteOneByOneAsync(batch);
            }
            catch (Exception exception)
            {
                // The outcome is unknown to every append of the batch: each adaptor resolves it by its batch id.
                foreach (var pending in batch)
                    pending.Outcome.TrySetException(exception);
            }
            finally
            {
                Interlocked.Decrement(ref _writing);
            }

            batch.Clear();
        }
    }

    private async Task WriteOneByOneAsync(List<PendingAppend> batch)
    {
        foreach (var pending in batch)
        {
            try
            {
                pending.Outcome.TrySetResult(await _single.AppendAsync(pending.Request, CancellationToken.None));
            }
            catch (Exception exception)
            {
                pending.Outcome.TrySetException(exception);
            }
        }
    }

    private async Task<bool[]> WriteAsync(List<PendingAppend> batch)
    {
        // Nothing else was waiting: the plain single-stream insert is the cheaper statement for a lone append.
        if (batch.Count == 1)
            return [await _single.AppendAsync(batch[0].Request, CancellationToken.None)];

        var streams = new string[batch.Count];
        var expected = new int[batch.Count];
        var batchIds = new Guid[batch.Count];
        var counts = new int[batch.Count];
        var types = new List<string>();
        var data = new List<string>();
        var metadata = new List<string>();
        for (var i = 0; i < batch.Count; i++)
        {
            var request = batch[i].Request;
            streams[i] = request.StreamId;
            expected[i] = request.ExpectedVersion;
            batchIds[i] = request.BatchId;
            counts[i] = request.Events.Count;
            foreach (var @event in request.Events)
            {
                types.Add(@event.EventType);
                data.Add(@event.Data);
                metadata.Add(@event.Metadata);
            }
        }

        await using var command = _dataSource.CreateCommand("SELECT eventstore.append_to_streams($1, $2, $3, $4, $5, $6, $7)");
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = streams });
        command.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = expected });
        command.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = batchIds });
        command.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = counts });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. types] });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. data], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. metadata], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb });
        var outcomes = (bool[])(await command.ExecuteScalarAsync())!;
        Interlocked.Increment(ref _batches);
        return outcomes;
    }

    /// <summary>Stops taking appends and waits for the writers to finish what was queued.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await Task.WhenAll(_writers);
    }

    private sealed class PendingAppend(AppendRequest request)
    {
        public AppendRequest Request { get; } = request;

        public TaskCompletionSource<bool> Outcome { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
