namespace Orleans.Conversations.HttpApi.Security;

/// <summary>Reads the addresses the gateway's server bound, to tell whether anything but this machine can reach it.</summary>
internal static class ListenAddresses
{
    /// <summary>
    /// True when every address is loopback (<c>localhost</c>, 127.0.0.0/8, <c>::1</c>). Wildcards, host names, sockets
    /// and an empty list are not: when in doubt the gateway requires credentials.
    /// </summary>
    public static bool AllLoopback(IReadOnlyCollection<string> addresses, out string? exposed)
    {
        exposed = null;
        if (addresses.Count == 0)
        {
            exposed = "(no address known)";
            return false;
        }

        foreach (var address in addresses)
        {
            if (!IsLoopback(address))
            {
                exposed = address;
                return false;
            }
        }

        return true;
    }

    private static bool IsLoopback(string address)
    {
        if (!Uri.TryCreate(address, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            return false;
        return LoopbackNames.IsLoopback(uri.Host);
    }
}
