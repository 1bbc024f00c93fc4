using System.Net;

namespace Orleans.Conversations.HttpApi.Security;

/// <summary>Whether a host name or address names this machine: <c>localhost</c>, 127.0.0.0/8 or <c>::1</c>.</summary>
internal static class LoopbackNames
{
    /// <summary>
    /// True for <c>localhost</c> (any case) and loopback addresses, IPv6 ones with or without brackets; false for every
    /// other name, however it starts or ends (<c>localhost.example.com</c> is not loopback).
    /// </summary>
    public static bool IsLoopback(string? host)
    {
        if (string.IsNullOrEmpty(host))
            return false;
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
            return true;
        var address = host.StartsWith('[') && host.EndsWith(']') ? host[1..^1] : host;
        return IPAddress.TryParse(address, out var ip) && IPAddress.IsLoopback(ip);
    }
}
