using System.Net;
using System.Text.Json.Nodes;

namespace Orleans.Conversations.Gateway.Tests;

[Collection(ServiceCollection.Name)]
public sealed class OperationsTests(ServiceFixture service)
{
    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task health_endpoints_answer_200_while_cluster_and_store_are_reachable(string path)
    {
        using var response = await service.Http.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task the_openapi_document_describes_every_route()
    {
        var document = JsonNode.Parse(await service.Http.GetStringAsync("/openapi/v1.json"))!;

        var paths = document["paths"]!.AsObject().Select(p => p.Key).ToList();
        Assert.Contains("/api/sessions", paths);
        Assert.Contains("/api/sessions/{id}/messages", paths);
        Assert.Contains("/api/sessions/{id}", paths);
        Assert.Contains("/api/sessions/{id}/events", paths);
        Assert.Contains("/api/sessions/{id}/state", paths);
        Assert.Contains("/message", paths);
        Assert.Contains("/api/users/{userId}", paths);
        Assert.Contains("/api/events", paths);
        Assert.Contains("/api/admin/keys", paths);
        Assert.Contains("/api/admin/keys/{id}", paths);
        Assert.Contains("/v1/models", paths);
        Assert.Contains("/v1/chat/completions", paths);
    }

    [Theory]
    [InlineData("/dashboard")]
    [InlineData("/dashboard/")]
    public async Task the_orleans_dashboard_is_served_without_a_redirect(string path)
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, AutomaticDecompression = System.Net.DecompressionMethods.All })
        {
            BaseAddress = service.Http.BaseAddress,
            DefaultRequestHeaders = { { "Accept-Encoding", "gzip, br" } },
        };

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("Orleans Dashboard", page);
        Assert.Contains("index.min.js", page);
    }

    [Fact]
    public async Task the_dashboard_page_resolves_its_scripts_under_dashboard()
    {
        var page = await service.Http.GetStringAsync("/dashboard");

        Assert.Contains("<base href=\"/dashboard/\">", page);
        using var script = await service.Http.GetAsync("/dashboard/index.min.js");
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
    }

    [Fact]
    public async Task an_unknown_route_gets_a_problem()
    {
        using var response = await service.Http.GetAsync("/api/nothing-here");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
    }
}
