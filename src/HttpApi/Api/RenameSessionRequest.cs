using System.Reflection;
using Orleans.Conversations.Grains.Interfaces;

namespace Orleans.Conversations.HttpApi.Api;

/// <summary>The body of <c>PATCH /api/sessions/{id}</c>.</summary>
/// <param name="Title">The session's new title (1–200 characters).</param>
public sealed record RenameSessionRequest(string? Title)
{
    /// <summary>Binds the body; see <see cref="JsonRequestBody"/> for its errors.</summary>
    public static ValueTask<RenameSessionRequest?> BindAsync(HttpContext context, ParameterInfo parameter) =>
        JsonRequestBody.ReadAsync<RenameSessionRequest>(context, required: true);

    /// <summary>The title, once checked against <see cref="SessionTitles"/>.</summary>
    internal string CheckedTitle() => SessionTitles.Check(Title) is { } rejected ? throw rejected : Title!;
}
