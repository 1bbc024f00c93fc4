using Microsoft.AspNetCore.Authorization;

namespace Orleans.Conversations.HttpApi.Security;

/// <summary>The authorization policies beyond "an authenticated caller", which every route needs unless it says otherwise.</summary>
internal static class AccessPolicies
{
    /// <summary>An admin of its tenant: manages that tenant's keys.</summary>
    public const string Admin = "admin";

    /// <summary>An operator (<see cref="CallerClaims.IsOperator"/>): opens the dashboard, which shows every tenant's grains.</summary>
    public const string Operator = "operator";

    public static void Add(AuthorizationOptions authorization, AuthOptions options)
    {
        authorization.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
        authorization.AddPolicy(Admin, policy => policy.RequireClaim(CallerClaims.Admin, "true"));
        authorization.AddPolicy(Operator, policy => policy.RequireAssertion(context => context.User.IsOperator(options)));
    }
}
