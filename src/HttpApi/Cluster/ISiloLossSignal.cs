namespace Orleans.Conversations.HttpApi.Cluster;

/// <summary>Tells <see cref="SessionCalls"/> that a silo was lost, so that the calls in flight at that moment are sent again.</summary>
public interface ISiloLossSignal
{
    /// <summary>Cancelled when a silo is lost after the token was read.</summary>
    CancellationToken Token { get; }
}
