using System.Reflection;

namespace Orleans.Conversations.HttpApi.Api;

/// <summary>The body of <c>PATCH /api/memory</c>.</summary>
/// <param name="Enabled">Whether the caller's sessions read and write the memory.</param>
public sealed record MemorySwitchRequest(bool? Enabled)
{
    /// <summary>Binds the body; see <see cref="JsonRequestBody"/> for its errors.</summary>
    public static ValueTask<MemorySwitchRequest?> BindAsync(HttpContext context, ParameterInfo parameter) =>
        JsonRequestBody.ReadAsync<MemorySwitchRequest>(context, required: true);

    /// <summary>The switch, once present.</summary>
    internal bool CheckedEnabled() =>
        Enabled ?? throw ApiProblemException.BadRequest("Field 'enabled' is required: true or false.", "enabled");
}
