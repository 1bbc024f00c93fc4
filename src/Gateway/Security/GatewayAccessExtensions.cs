using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Orleans.Conversations.Access;
using Orleans.Conversations.ServiceDefaults;

namespace Orleans.Conversations.Gateway.Security;

/// <summary>
/// Identity and access of the gateway: the auth mode, API keys and JWT bearer tokens behind one default scheme, the
/// authorization policies and the per-caller rate limit.
/// </summary>
public static class GatewayAccessExtensions
{
    private const string SelectingScheme = "Conversations";

    /// <summary>Registers authentication, authorization and rate limiting from the sections <c>Auth</c> and <c>RateLimit</c>.</summary>
    public static WebApplicationBuilder AddConversationAccess(this WebApplicationBuilder builder)
    {
        var auth = StartupOptions.Read<AuthOptions>(builder.Configuration, AuthOptions.Section);
        var validation = new AuthOptionsValidator().Validate(null, auth);
        if (validation.Failed)
            throw new OptionsValidationException(AuthOptions.Section, typeof(AuthOptions), validation.Failures);
        var limits = StartupOptions.Read<RateLimitOptions>(builder.Configuration, RateLimitOptions.Section);

        var services = builder.Services;
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section);
        services.AddSingleton<AuthModeResolver>();
        services.AddHostedService(sp => sp.GetRequiredService<AuthModeResolver>());
        services.AddApiKeyAccess();

        var authentication = services.AddAuthentication(SelectingScheme)
            .AddPolicyScheme(SelectingScheme, "Conversations", o => o.ForwardDefaultSelector = context => SchemeFor(context, auth.Jwt.Enabled))
            .AddScheme<AuthenticationSchemeOptions, OpenAuthenticationHandler>(OpenAuthenticationHandler.SchemeName, null)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        if (auth.Jwt.Enabled)
            authentication.AddJwtBearer(JwtBearerSetup.SchemeName, o => JwtBearerSetup.Configure(o, auth.Jwt));
        services.AddAuthorization(o => AccessPolicies.Add(o, auth));
        services.AddRateLimiter(o => CallerRateLimiting.Configure(o, limits));
        return builder;
    }

    /// <summary>
    /// Authenticates, limits and authorizes every request; call after the exception handler, which then answers
    /// failures of the credential store too.
    /// </summary>
    public static WebApplication UseConversationAccess(this WebApplication app)
    {
        app.UseMiddleware<AuthModeGate>();
        app.UseRouting();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        return app;
    }

    private static string SchemeFor(HttpContext context, bool jwtEnabled)
    {
        if (context.RequestServices.GetRequiredService<AuthModeResolver>().Current == AuthMode.Open)
            return OpenAuthenticationHandler.SchemeName;
        return jwtEnabled && BearerCredential.Read(context.Request) is { } token && !token.StartsWith(ApiKeyFormat.Prefix, StringComparison.Ordinal)
                          && BearerCredential.LooksLikeJwt(token)
            ? JwtBearerSetup.SchemeName
            : ApiKeyAuthenticationHandler.SchemeName;
    }
}
