namespace Orleans.Conversations.HttpApi.Cluster;

/// <summary>
/// The signal inside a silo that serves HTTP itself: there the silo's runtime fails the calls in flight to a silo the
/// cluster declared dead (with <see cref="SiloUnavailableException"/>, which <see cref="SessionCalls"/> retries), so
/// nothing more needs watching.
/// </summary>
internal sealed class SiloRuntimeLossSignal : ISiloLossSignal
{
    public CancellationToken Token => CancellationToken.None;
}
