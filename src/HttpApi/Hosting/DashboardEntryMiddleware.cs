using System.Text;

namespace Orleans.Conversations.HttpApi.Hosting;

/// <summary>
/// Serves the dashboard's page at <c>/dashboard</c> itself rather than redirecting to <c>/dashboard/</c>: the page's
/// relative links are anchored with a <c>&lt;base href="/dashboard/"&gt;</c>, so it works from either address.
/// </summary>
internal sealed class DashboardEntryMiddleware(RequestDelegate next)
{
    private const string Path = "/dashboard";

    public async Task InvokeAsync(HttpContext context)
    {
        if (!HttpMethods.IsGet(context.Request.Method) || !string.Equals(context.Request.Path.Value, Path, StringComparison.OrdinalIgnoreCase))
        {
            await next(context);
            return;
        }

        context.Request.Path = Path + "/";
        context.Request.Headers.AcceptEncoding = default; // the page is edited below, so it must come uncompressed
        var original = context.Response.Body;
        await using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
        }

        var body = buffer.ToArray();
        if (context.Response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true)
        {
            var html = Encoding.UTF8.GetString(body);
            var head = html.IndexOf("<head>", StringComparison.OrdinalIgnoreCase);
            if (head >= 0)
                body = Encoding.UTF8.GetBytes(html.Insert(head + "<head>".Length, $"<base href=\"{Path}/\">"));
        }

        context.Response.ContentLength = body.Length;
        await original.WriteAsync(body);
    }
}
