using System.Reflection;
using Orleans.Conversations.Access;
using Orleans.Conversations.Grains.Interfaces;

namespace Orleans.Conversations.HttpApi.Api;

/// <summary>The body of <c>POST /api/admin/keys</c>.</summary>
/// <param name="UserId">The user the key authenticates.</param>
/// <param name="Tenant">The user's tenant: omitted for the admin's own; any tenant for an operator.</param>
/// <param name="Admin">Whether the key makes an admin of the tenant.</param>
public sealed record CreateKeyRequest(string? UserId, string? Tenant, bool? Admin)
{
    /// <summary>Binds the body; see <see cref="JsonRequestBody"/> for its errors.</summary>
    public static ValueTask<CreateKeyRequest?> BindAsync(HttpContext context, ParameterInfo parameter) =>
        JsonRequestBody.ReadAsync<CreateKeyRequest>(context, required: true);

    /// <summary>
    /// The tenant and user of the new key, once checked against the names allowed and, unless
    /// <paramref name="isOperator"/>, the admin's tenant.
    /// </summary>
    internal (string Tenant, string UserId) Checked(Caller admin, bool isOperator)
    {
        if (string.IsNullOrEmpty(UserId))
            throw ApiProblemException.BadRequest("Field 'userId' is required: the user the key authenticates.", "userId");
        if (Identities.Problem("userId", UserId) is { } userProblem)
            throw ApiProblemException.BadRequest(userProblem, "userId");
        var tenant = Tenant ?? admin.Tenant;
        if (Identities.Problem("tenant", tenant) is { } tenantProblem)
            throw ApiProblemException.BadRequest(tenantProblem, "tenant");
        if (!isOperator && !string.Equals(tenant, admin.Tenant, StringComparison.Ordinal))
            throw AdminKeysApi.OtherTenant("issue keys");
        return (tenant, UserId);
    }
}
