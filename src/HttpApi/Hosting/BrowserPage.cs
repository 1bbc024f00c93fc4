using Microsoft.Extensions.FileProviders;

namespace Orleans.Conversations.HttpApi.Hosting;

/// <summary>
/// The chat page for people at <c>/</c>: static files embedded in the gateway's assembly, so the page is there however
/// the gateway is started (from the build output, published, or hosted by tests) without a content root to find.
/// </summary>
internal static class BrowserPage
{
    /// <summary>Serves the page before authentication: the page is public, its API calls carry the credential.</summary>
    public static WebApplication UseBrowserPage(this WebApplication app)
    {
        var files = new EmbeddedFileProvider(typeof(BrowserPage).Assembly, "wwwroot");
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            OnPrepareResponse = file => file.Context.Response.Headers.CacheControl = "no-cache",
        });
        return app;
    }
}
