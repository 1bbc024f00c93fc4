using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Orleans.Conversations.Access;
using Orleans.Conversations.ServiceDefaults;

namespace Orleans.Conversations.HttpApi.Security;

/// <summary>
/// Identity and access of the gateway: the auth mode, API keys and JWT bearer tokens behind one default scheme, the
/// authorization policies, the per-caller rate limit, the failed-authentication budget per address, the caps on open
/// connections, and open mode's guard against other hosts and sites.
/// </summary>
public static class GatewayAccessExtensions
{
    private const string SelectingScheme = "Conversations";

    /// <summary>
    /// Registers authentication, authorization, rate limiting and connection caps from the sections <c>Auth</c>,
    /// <c>RateLimit</c> and <c>Connections</c>, each checked before the host is built.
    /// </summary>
    public static WebApplicationBuilder AddConversationAccess(this WebApplicationBuilder builder)
    {
        var auth = StartupOptions.Read<AuthOptions>(builder.Configuration, AuthOptions.Section);
        var validation = new AuthOptionsValidator().Validate(null, auth);
        if (validation.Failed)
            throw new OptionsValidationException(AuthOptions.Section, typeof(AuthOptions), validation.Failures);
        var limits = StartupOptions.Read<RateLimitOptions>(builder.Configuration, RateLimitOptions.Section);
        var connections = StartupOptions.Read<ConnectionLimitOptions>(builder.Configuration, ConnectionLimitOptions.Section);

        var services = builder.Services;
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section);
        services.AddSingleton<AuthModeResolver>();
        services.AddHostedService(sp => sp.GetRequiredService<AuthModeResolver>());
        services.AddApiKeyAccess();
        services.AddSingleton(limits);
        services.AddSingleton(Options.Create(connections));
        services.AddSingleton<AuthFailureBudget>();
        services.AddSingleton<CallerRateBudget>();
        services.AddSingleton<CallerConnections>();
        services.AddSingleton<CredentialRecheck>();

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
    /// In open mode, refuses requests for hosts that are not loopback, and writes and WebSocket upgrades from pages of
    /// other sites (<see cref="OpenModeRequestGuard"/>); call before anything that answers, the browser page included.
    /// </summary>
    public static WebApplication UseOpenModeGuard(this WebApplication app)
    {
        app.UseMiddleware<OpenModeRequestGuard>();
        return app;
    }

    /// <summary>
    /// Authenticates, limits and authorizes every request; call after the exception handler, which then answers
    /// failures of the credential store too.
    /// </summary>
    public static WebApplication UseConversationAccess(this WebApplication app)
    {
        app.UseMiddleware<AuthModeGate>();
        app.UseRouting();
        app.UseMiddleware<AuthFailureLimiter>();
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
