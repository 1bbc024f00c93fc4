using System.Reflection;
using System.Text.Json;

namespace Orleans.Conversations.HttpApi.Api;

/// <summary>The optional body of <c>POST /api/sessions/{id}/fork</c>.</summary>
/// <param name="Version">The parent's version to fork at: an integer from 1; the current version when absent.</param>
public sealed record ForkRequest(JsonElement Version)
{
    /// <summary>Binds the optional body; see <see cref="JsonRequestBody"/> for its errors.</summary>
    public static ValueTask<ForkRequest?> BindAsync(HttpContext context, ParameterInfo parameter) =>
        JsonRequestBody.ReadAsync<ForkRequest>(context, required: false);

    /// <summary>
    /// The version asked for, null for the current one; <see cref="int.MaxValue"/> for an integer too large to be one
    /// (beyond every session's version, so not found).
    /// </summary>
    /// <exception cref="ApiProblemException">It is not an integer from 1.</exception>
    internal int? CheckedVersion()
    {
        if (Version.ValueKind == JsonValueKind.Undefined)
            return null;
        if (Version.ValueKind == JsonValueKind.Number && Version.TryGetInt64(out var version) && version >= 1)
            return version > int.MaxValue ? int.MaxValue : (int)version;
        throw ApiProblemException.BadRequest($"Field 'version' must be an integer from 1 (a version of the session), not {Version.GetRawText()}.", "version");
    }
}
