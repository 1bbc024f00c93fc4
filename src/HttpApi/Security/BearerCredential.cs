using System.Text;

namespace Orleans.Conversations.HttpApi.Security;

/// <summary>Reads the credential of a request: <c>Authorization: Bearer &lt;token&gt;</c>, or Basic's password on the dashboard.</summary>
internal static class BearerCredential
{
    private const string Bearer = "Bearer ";
    private const string Basic = "Basic ";

    /// <summary>The token, or null when the request sent no credential this gateway reads.</summary>
    public static string? Read(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith(Bearer, StringComparison.OrdinalIgnoreCase))
            return header[Bearer.Length..].Trim();
        if (header.StartsWith(Basic, StringComparison.OrdinalIgnoreCase) && DashboardPaths.Matches(request.Path))
            return PasswordOf(header[Basic.Length..].Trim());
        return string.IsNullOrEmpty(header) ? null : string.Empty;
    }

    /// <summary>Whether <paramref name="token"/> has the shape of a JSON Web Token (three dot-separated parts).</summary>
    public static bool LooksLikeJwt(string token) => token.Count(c => c == '.') == 2;

    private static string PasswordOf(string encoded)
    {
        var bytes = new byte[(encoded.Length * 3 / 4) + 3];
        if (!Convert.TryFromBase64String(encoded, bytes, out var length))
            return string.Empty;
        var pair = Encoding.UTF8.GetString(bytes, 0, length);
        var colon = pair.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? string.Empty : pair[(colon + 1)..];
    }
}
