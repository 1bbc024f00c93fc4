using System.Globalization;
using Orleans.Conversations.Access;

namespace Orleans.Conversations.HttpApi.Security;

/// <summary>
/// Checks again, while a stream or a socket stays open, that the credential it was opened with still holds: an API key
/// not revoked (read through the verifier's cache, so at most one query per key per TTL), a token not expired.
/// </summary>
internal sealed class CredentialRecheck(ApiKeyVerifier verifier, TimeProvider timeProvider, ILogger<CredentialRecheck> logger)
{
    /// <summary>How often a <see cref="CredentialWatch"/> checks: with the key cache's TTL, well within the promised 5 s.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Whether the request's credential still holds. Open mode has none to lose; a key that cannot be read again
    /// because the database is unreachable counts as holding, so that an outage does not cut every stream.
    /// </summary>
    public async Task<bool> StillHoldsAsync(HttpContext context, CancellationToken cancellationToken)
    {
        switch (context.User.Identity?.AuthenticationType)
        {
            case ApiKeyAuthenticationHandler.SchemeName:
                if (BearerCredential.Read(context.Request) is not { } presented)
                    return false;
                try
                {
                    return (await verifier.VerifyAsync(presented, cancellationToken)).IsValid;
                }
                catch (Exception exception) when (exception is Npgsql.NpgsqlException or TimeoutException)
                {
                    logger.LogWarning("Cannot check again the API key of an open connection: {Error}", exception.Message);
                    return true;
                }

            case JwtBearerSetup.SchemeName:
                return context.User.FindFirst(CallerClaims.ExpiresAt)?.Value is not { } expires
                    || long.Parse(expires, CultureInfo.InvariantCulture) > timeProvider.GetUtcNow().ToUnixTimeSeconds();
            default:
                return true;
        }
    }

    /// <summary>Checks the request's credential every <see cref="Interval"/> until disposed.</summary>
    public CredentialWatch Watch(HttpContext context) => new(this, context, timeProvider);
}
