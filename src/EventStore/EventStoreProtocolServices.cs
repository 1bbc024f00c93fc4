using Microsoft.Extensions.Logging;
using Orleans.EventSourcing;
using Orleans.Runtime;
using Orleans.Serialization;

namespace Orleans.Conversations.EventStore;

/// <summary>
/// The runtime services a log view adaptor uses. Orleans keeps its own implementation internal and registers it only
/// with the built-in providers, so a stand-alone provider brings one.
/// </summary>
internal sealed class EventStoreProtocolServices(
    IGrainContext grainContext, ILogger logger, DeepCopier deepCopier, string clusterId) : ILogConsistencyProtocolServices
{
    public GrainId GrainId => grainContext.GrainId;

    public string MyClusterId => clusterId;

    public T DeepCopy<T>(T value) => deepCopier.Copy(value)!;

    public void ProtocolError(string msg, bool throwexception)
    {
        logger.LogError("{GrainId} log consistency protocol error: {Message}", GrainId, msg);
        if (throwexception)
            throw new OrleansException($"{msg} (grain={GrainId}, cluster={MyClusterId})");
    }

    public void CaughtException(string where, Exception e) =>
        logger.LogError(e, "{GrainId} exception caught at {Location}", GrainId, where);

    public void CaughtUserCodeException(string callback, string where, Exception e) =>
        logger.LogWarning(e, "{GrainId} exception in grain callback {Callback}, called from {Location}", GrainId, callback, where);

    public void Log(LogLevel level, string format, params object[] args)
    {
        if (logger.IsEnabled(level))
            logger.Log(level, "{GrainId} {Message}", GrainId, string.Format(System.Globalization.CultureInfo.InvariantCulture, format, args));
    }
}
