using Microsoft.Extensions.Logging;
using Orleans.EventSourcing;
using Orleans.Storage;

namespace Orleans.Conversations.EventStore;

/// <summary>Makes a <see cref="PostgresLogViewAdaptor{TView, TEntry}"/> for each activation of a journaled grain.</summary>
internal sealed class PostgresLogViewAdaptorFactory(PostgresEventStore store, ILoggerFactory loggerFactory) : ILogViewAdaptorFactory
{
    private readonly ILogger _logger = loggerFactory.CreateLogger("Orleans.Conversations.EventStore");

    public bool UsesStorageProvider => false;

    public ILogViewAdaptor<TLogView, TLogEntry> MakeLogViewAdaptor<TLogView, TLogEntry>(
        ILogViewAdaptorHost<TLogView, TLogEntry> hostGrain,
        TLogView initialState,
        string grainTypeName,
        IGrainStorage? grainStorage,
        ILogConsistencyProtocolServices services)
        where TLogView : class, new()
        where TLogEntry : class =>
        new PostgresLogViewAdaptor<TLogView, TLogEntry>(hostGrain, initialState, services, store, _logger);
}
