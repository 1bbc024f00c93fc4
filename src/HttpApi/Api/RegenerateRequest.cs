using System.Reflection;

namespace Orleans.Conversations.HttpApi.Api;

/// <summary>The optional body of <c>POST /api/sessions/{id}/messages/{messageId}/regenerate</c>.</summary>
/// <param name="MessageId">The id of this regeneration (1–128 characters): a retry with it returns the same fork and reply.</param>
public sealed record RegenerateRequest(string? MessageId)
{
    /// <summary>Binds the optional body; see <see cref="JsonRequestBody"/> for its errors.</summary>
    public static ValueTask<RegenerateRequest?> BindAsync(HttpContext context, ParameterInfo parameter) =>
        JsonRequestBody.ReadAsync<RegenerateRequest>(context, required: false);
}
