using System.Net;
using System.Text.Json.Nodes;

namespace Orleans.Conversations.Gateway.Tests;

internal static class ProblemAssert
{
    /// <summary>Asserts an RFC 9457 problem with <paramref name="status"/>, whose detail mentions <paramref name="field"/>.</summary>
    public static async Task<JsonObject> IsProblemAsync(HttpResponseMessage response, HttpStatusCode status, string? field = null)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(body)!.AsObject();
        Assert.Equal((int)status, problem["status"]!.GetValue<int>());
        Assert.False(string.IsNullOrWhiteSpace(problem["title"]?.GetValue<string>()), "the problem has a title");
        var detail = problem["detail"]?.GetValue<string>();
        Assert.False(string.IsNullOrWhiteSpace(detail), "the problem has a detail");
        if (field is not null)
        {
            Assert.Contains(field, detail, StringComparison.OrdinalIgnoreCase);
            Assert.Equal(field, problem["field"]?.GetValue<string>());
        }

        return problem;
    }
}
