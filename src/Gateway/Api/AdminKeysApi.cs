using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Orleans.Conversations.Access;
using Orleans.Conversations.Gateway.Security;

namespace Orleans.Conversations.Gateway.Api;

/// <summary>
/// API keys of the caller's tenant under <c>/api/admin/keys</c>, for its admins: create (the key is in that answer
/// only), list (never a secret), revoke (refused by every gateway within seconds).
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
        keys.MapGet("/", ListKeys).WithName("ListApiKeys").WithSummary("The tenant's API keys, without secrets");
        keys.MapDelete("/{id}", RevokeKey).WithName("RevokeApiKey").WithSummary("Revoke an API key");
        return routes;
    }

    private static async Task<Created<KeyCreatedResponse>> CreateKey(CreateKeyRequest request, ClaimsPrincipal user, ApiKeyStore store)
    {
        var caller = user.ToCaller();
        var (tenant, userId) = request.Checked(caller);
        var issued = await store.CreateAsync(tenant, userId, request.Admin ?? false, $"{caller.Tenant}/{caller.UserId}");
        var key = issued.Record;
        return TypedResults.Created($"/api/admin/keys/{key.Id}",
            new KeyCreatedResponse(key.Id, issued.Key, key.UserId, key.Tenant, key.IsAdmin, key.CreatedAt.UtcDateTime));
    }

    private static async Task<Ok<KeyListResponse>> ListKeys(ClaimsPrincipal user, ApiKeyStore store)
    {
        var keys = await store.ListAsync(user.ToCaller().Tenant);
        return TypedResults.Ok(new KeyListResponse([.. keys.Select(k => new KeyResponse(
            k.Id, k.UserId, k.Tenant, k.IsAdmin, k.CreatedAt.UtcDateTime, k.CreatedBy, k.RevokedAt?.UtcDateTime))]));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeKey(
        string id, ClaimsPrincipal user, ApiKeyStore store, ApiKeyVerifier verifier)
    {
        if (!await store.RevokeAsync(user.ToCaller().Tenant, id))
            return ApiProblems.NotFound($"API key id '{id}' names no active key of your tenant.", "id");
        verifier.Forget(id);
        return TypedResults.NoContent();
    }
}
