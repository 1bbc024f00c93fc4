using System.ComponentModel.DataAnnotations;

namespace Orleans.Conversations.Silo.Hosting;

/// <summary>Where this silo listens (configuration section <c>Silo</c>).</summary>
public sealed class SiloHostOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Silo";

    /// <summary>Silo-to-silo port (<c>Silo__SiloPort</c>); each silo on one machine needs its own.</summary>
    [Range(1, 65535)]
    public int SiloPort { get; set; } = 11111;

    /// <summary>Port the gateway's Orleans client connects to (<c>Silo__GatewayPort</c>); each silo on one machine needs its own.</summary>
    [Range(1, 65535)]
    public int GatewayPort { get; set; } = 30000;

    /// <summary>The address other silos and clients reach this silo at (<c>Silo__AdvertisedAddress</c>).</summary>
    [Required]
    public string AdvertisedAddress { get; set; } = "127.0.0.1";

    /// <summary>
    /// The local address both ports are bound to (<c>Silo__ListenAddress</c>), when it differs from the advertised one,
    /// such as <c>0.0.0.0</c> behind a container's address translation. Unset, the silo listens on the advertised
    /// address only: the ports carry unauthenticated Orleans traffic and must stay on a private network.
    /// </summary>
    public string? ListenAddress { get; set; }

    /// <summary>
    /// Whether this silo serves the HTTP API itself (<c>Silo__ServeHttp</c>), on the address the gateway would use
    /// (<c>ASPNETCORE_URLS</c>, default <c>http://127.0.0.1:8080</c>): requests then reach their grains without a hop
    /// between processes. Off by default: the separate gateway process serves HTTP.
    /// </summary>
    public bool ServeHttp { get; set; }
}
