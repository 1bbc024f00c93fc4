namespace Orleans.Conversations.HttpApi.Health;

/// <summary>Where the health endpoints are.</summary>
internal static class HealthPaths
{
    /// <summary><c>200</c> while the process runs.</summary>
    public const string Live = "/health/live";

    /// <summary><c>200</c> when the cluster and the event store can be reached, <c>503</c> otherwise.</summary>
    public const string Ready = "/health/ready";
}
