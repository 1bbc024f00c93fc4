namespace Orleans.Conversations.HttpApi.Security;

/// <summary>
/// The dashboard's addresses. Its page cannot send a bearer header, so there the gateway also takes an admin API key
/// as the password of HTTP Basic authentication, which browsers prompt for and resend on the page's own requests.
/// </summary>
internal static class DashboardPaths
{
    public const string Prefix = "/dashboard";

    public const string BasicChallenge = "Basic realm=\"Orleans dashboard\", charset=\"UTF-8\"";

    public static bool Matches(PathString path) => path.StartsWithSegments(Prefix, StringComparison.OrdinalIgnoreCase);
}
