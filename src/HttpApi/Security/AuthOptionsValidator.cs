using Microsoft.Extensions.Options;
using Orleans.Conversations.Access;

namespace Orleans.Conversations.HttpApi.Security;

/// <summary>Checks <see cref="AuthOptions"/> at start-up, naming the setting at fault.</summary>
internal sealed class AuthOptionsValidator : IValidateOptions<AuthOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        var failures = new List<string>();
        if (options.HasOperatorTenant && Identities.Problem("Auth:OperatorTenant", options.OperatorTenant) is { } problem)
            failures.Add(problem);
        var jwt = options.Jwt;
        if (jwt.Enabled)
        {
            if (!Uri.TryCreate(jwt.Authority, UriKind.Absolute, out var authority) || authority.Scheme is not ("https" or "http"))
                failures.Add($"Auth:Jwt:Authority must be an absolute http(s) address, not '{jwt.Authority}'.");
            else if (authority.Scheme == "http" && !authority.IsLoopback && jwt.RequireHttpsMetadata != false)
                failures.Add($"Auth:Jwt:Authority '{jwt.Authority}' is not HTTPS: use https, or set Auth:Jwt:RequireHttpsMetadata=false knowingly.");
            if (string.IsNullOrWhiteSpace(jwt.Audience))
                failures.Add("Auth:Jwt:Audience is required when Auth:Jwt:Authority is set.");
            if (string.IsNullOrWhiteSpace(jwt.TenantClaim) || string.IsNullOrWhiteSpace(jwt.RoleClaim) || string.IsNullOrWhiteSpace(jwt.AdminRole))
                failures.Add("Auth:Jwt:TenantClaim, Auth:Jwt:RoleClaim and Auth:Jwt:AdminRole must not be empty.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
