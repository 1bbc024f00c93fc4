using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace Orleans.Conversations.ServiceDefaults;

/// <summary>
/// Which cluster a silo or gateway belongs to (configuration section <c>Cluster</c>); every process of one deployment
/// uses the same values.
/// </summary>
public sealed class ClusterIdentityOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Cluster";

    /// <summary>The cluster to join (<c>Cluster__ClusterId</c>).</summary>
    [Required]
    public string ClusterId { get; set; } = "conversations";

    /// <summary>The service whose grain state the cluster owns (<c>Cluster__ServiceId</c>); keep it across deployments.</summary>
    [Required]
    public string ServiceId { get; set; } = "orleans-conversations";

    /// <summary>The settings in <paramref name="configuration"/>, validated; a bad one stops start-up naming it.</summary>
    public static ClusterIdentityOptions Read(IConfiguration configuration) =>
        StartupOptions.Read<ClusterIdentityOptions>(configuration, Section);
}
