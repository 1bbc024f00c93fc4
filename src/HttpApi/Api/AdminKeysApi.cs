using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Orleans.Conversations.Access;
using Orleans.Conversations.HttpApi.Security;

namespace Orleans.Conversations.HttpApi.Api;

/// <summary>
/// API keys under <c>/api/admin/keys</c>, for admins: create (the key is in that answer only), list (never a secret),
/// revoke (refused by every gateway within seconds). A tenant's admins manage its keys; operators (admins of
/// <see cref="AuthOptions.OperatorTenant"/>) those of every tenant.
/// </summary>
public static class AdminKeysApi
{
    /// <summary>Maps the routes.</summary>
    public static IEndpointRouteBuilder MapAdminKeysApi(this IEndpointRouteBuilder routes)
    {
        var keys = routes.MapGroup("/api/admin/keys").WithTags("Admin")
            .RequireAuthorization(AccessPolicies.Admin).RequireRateLimiting(CallerRateLimiting.Policy);
        keys.MapPost("/", CreateKey).WithName("CreateApiKey").WithSummary("Issue an API key; the key is shown in this answer only")
            .Accepts<CreateKeyRequest>("application/json");
        keys.MapGet("/", ListKeys).WithName("ListApiKeys")
            .WithSummary("The tenant's API keys, without secrets; an operator's: every tenant's, or ?tenant= one's");
        keys.MapDelete("/{id}", RevokeKey).WithName("RevokeApiKey").WithSummary("Revoke an API key");
        return routes;
    }

    /// <summary>The 403 of a tenant admin who names another tenant.</summary>
    internal static ApiProblemException OtherTenant(string what) => new(StatusCodes.Status403Forbidden, "Forbidden",
        $"Admins {what} of their own tenant only; admins of the operator tenant (Auth:OperatorTenant) of any tenant.", "tenant");

    private static async Task<Created<KeyCreatedResponse>> CreateKey(
        CreateKeyRequest request, ClaimsPrincipal user, ApiKeyStore store, IOptions<AuthOptions> auth)
    {
        var caller = user.ToCaller();
        var (tenant, userId) = request.Checked(caller, user.IsOperator(auth.Value));
        var issued = await store.CreateAsync(tenant, userId, request.Admin ?? false, $"{caller.Tenant}/{caller.UserId}");
        var key = issued.Record;
        return TypedResults.Created($"/api/admin/keys/{key.Id}",
            new KeyCreatedResponse(key.Id, issued.Key, key.UserId, key.Tenant, key.IsAdmin, key.CreatedAt.UtcDateTime));
    }

    private static async Task<Ok<KeyListResponse>> ListKeys(ClaimsPrincipal user, ApiKeyStore store, IOptions<AuthOptions> auth, string? tenant = null)
    {
        var own = user.ToCaller().Tenant;
        if (!user.IsOperator(auth.Value) && tenant is not null && !string.Equals(tenant, own, StringComparison.Ordinal))
            throw OtherTenant("list keys");
        var keys = await store.ListAsync(user.IsOperator(auth.Value) ? tenant : own);
        return TypedResults.Ok(new KeyListResponse([.. keys.Select(k => new KeyResponse(
            k.Id, k.UserId, k.Tenant, k.IsAdmin, k.CreatedAt.UtcDateTime, k.CreatedBy, k.RevokedAt?.UtcDateTime))]));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeKey(
        string id, ClaimsPrincipal user, ApiKeyStore store, ApiKeyVerifier verifier, IOptions<AuthOptions> auth)
    {
        if (user.IsOperator(auth.Value))
        {
            if (!await store.RevokeAnyTenantAsync(id))
                return ApiProblems.NotFound($"API key id '{id}' names no active key.", "id");
        }
        else if (!await store.RevokeAsync(user.ToCaller().Tenant, id))
        {
            return ApiProblems.NotFound($"API key id '{id}' names no active key of your tenant.", "id");
        }

        verifier.Forget(id);
        return TypedResults.NoContent();
    }
}
