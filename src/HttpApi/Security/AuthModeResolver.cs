using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Orleans.Conversations.HttpApi.Security;

/// <summary>
/// Decides the <see cref="AuthMode"/>: the configured one, else from the addresses the server actually bound, once it
/// has bound them. Logs one line saying which mode is in force and why.
/// </summary>
internal sealed class AuthModeResolver(
    IOptions<AuthOptions> options, IServer server, IHostApplicationLifetime lifetime, ILogger<AuthModeResolver> logger) : IHostedService
{
    private readonly TaskCompletionSource<AuthMode> _mode = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The mode, once decided; requests wait for it (only in the moment between binding and start-up).</summary>
    public Task<AuthMode> Mode => _mode.Task;

    /// <summary>
    /// Whether every address the server bound is loopback; true (the stricter answer) until it has bound them.
    /// </summary>
    public bool ListensOnLoopbackOnly { get; private set; } = true;

    /// <summary>The mode of a request that passed <see cref="AuthModeGate"/>.</summary>
    public AuthMode Current => _mode.Task.IsCompletedSuccessfully ? _mode.Task.Result : AuthMode.Required;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.Mode is { } configured)
            _mode.TrySetResult(configured);
        lifetime.ApplicationStarted.Register(Decide);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _mode.TrySetCanceled(CancellationToken.None);
        return Task.CompletedTask;
    }

    private void Decide()
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses.ToList() ?? [];
        var loopback = ListenAddresses.AllLoopback(addresses, out var exposed);
        ListensOnLoopbackOnly = loopback;
        var listening = string.Join(", ", addresses);
        var configured = options.Value.Mode;
        var mode = configured ?? (loopback ? AuthMode.Open : AuthMode.Required);
        _mode.TrySetResult(mode);

        var jwt = options.Value.Jwt;
        var credentials = jwt.Enabled ? $"API keys and tokens from {jwt.Authority} (audience {jwt.Audience})" : "API keys";
        if (mode == AuthMode.Required)
        {
            logger.LogInformation("Auth mode required ({Why}) on {Urls}: {Credentials}.",
                configured is null ? $"{exposed} is not loopback" : "Auth:Mode", listening, credentials);
        }
        else if (loopback)
        {
            logger.LogInformation(
                "Auth mode open ({Why}) on {Urls}: every caller is user 'local' of tenant 'default'. Set Auth__Mode=required to require credentials.",
                configured is null ? "every address is loopback" : "Auth:Mode", listening);
        }
        else
        {
            logger.LogWarning("Auth mode open (Auth:Mode) on {Urls}: anyone who can reach {Exposed} can read and write every session (web pages of other sites excepted).",
                listening, exposed);
        }

        LogOperator(mode);
    }

    private void LogOperator(AuthMode mode)
    {
        var tenant = options.Value.OperatorTenant;
        if (options.Value.HasOperatorTenant)
        {
            logger.LogInformation("Operator tenant: {Tenant} (Auth:OperatorTenant): its admins open the dashboard and manage the keys of every tenant.", tenant);
        }
        else if (mode == AuthMode.Required)
        {
            logger.LogInformation("No operator tenant (Auth:OperatorTenant is unset): admins manage their own tenant only, and nobody opens the dashboard.");
        }
    }
}
