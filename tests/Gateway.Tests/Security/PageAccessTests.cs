using System.Net;

namespace Orleans.Conversations.Gateway.Tests.Security;

/// <summary>The browser page is public where credentials are required; the API it calls is not.</summary>
[Collection(ServiceCollection.Name)]
public sealed class PageAccessTests(ServiceFixture service)
{
    [Theory]
    [InlineData("/", "text/html")]
    [InlineData("/index.html", "text/html")]
    [InlineData("/app.js", "text/javascript")]
    [InlineData("/app.css", "text/css")]
    public async Task the_page_is_served_without_credentials_where_they_are_required(string path, string contentType)
    {
        using var response = await service.Secured.Http.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(contentType, response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("/api/sessions")]
    [InlineData("/dashboard")]
    [InlineData("/no-such-file.js")]
    public async Task everything_else_still_needs_credentials(string path)
    {
        using var response = await service.Secured.Http.GetAsync(path);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
