using Microsoft.AspNetCore.Mvc;
using Orleans.Conversations.HttpApi.Hosting;

namespace Orleans.Conversations.HttpApi.Security;

/// <summary>
/// In open mode, where every caller acts as the local admin, serves this machine's own pages and programs only. On a
/// gateway that listens on loopback alone (open by default), a request for a host that is not loopback gets <c>421</c>
/// (a page of another site that rebound its DNS name to this machine). A write or a WebSocket upgrade whose
/// <c>Origin</c> is neither loopback nor the host the request was sent to gets <c>403</c> (a page of another site
/// posting or opening a socket here). Requests without <c>Origin</c> (curl, SDKs) are not affected, and nothing is
/// checked when credentials are required. An open gateway on a public address (<c>Auth__Mode=open</c>, logged as a
/// warning) serves any host name: its operator chose to let every caller in.
/// </summary>
internal sealed class OpenModeRequestGuard(RequestDelegate next, AuthModeResolver resolver)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!resolver.Mode.IsCompleted)
            await resolver.Mode.WaitAsync(context.RequestAborted);
        if (resolver.Current == AuthMode.Open)
        {
            var request = context.Request;
            if (resolver.ListensOnLoopbackOnly && !LoopbackNames.IsLoopback(request.Host.Host))
            {
                await RefuseAsync(context, StatusCodes.Status421MisdirectedRequest, "Misdirected request",
                    "An open gateway (Auth:Mode open) answers requests for localhost, 127.0.0.1 or [::1] only. Reach it by one of " +
                    "those names, or set Auth__Mode=required to serve other names with credentials.", "Host");
                return;
            }

            if (IsWriteOrUpgrade(request) && request.Headers.Origin.Count > 0 && !IsOwnOrigin(request.Headers.Origin.ToString(), request.Host.Host))
            {
                await RefuseAsync(context, StatusCodes.Status403Forbidden, "Forbidden",
                    "An open gateway takes writes and WebSockets only from its own pages: the request's Origin is neither " +
                    "localhost, 127.0.0.1 or [::1] nor the gateway's own host. Programs that send no Origin are not affected.", "Origin");
                return;
            }
        }

        await next(context);
    }

    private static bool IsWriteOrUpgrade(HttpRequest request) =>
        !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method))
        || request.Headers.Upgrade.Count > 0;

    private static bool IsOwnOrigin(string origin, string host) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
        && (LoopbackNames.IsLoopback(uri.Host) || string.Equals(uri.IdnHost, host, StringComparison.OrdinalIgnoreCase));

    private static Task RefuseAsync(HttpContext context, int status, string title, string detail, string field)
    {
        context.Response.StatusCode = status;
        return ProblemResponses.WriteAsync(context, new ProblemDetails
        {
            Status = status,
            Title = title,
            Detail = detail,
            Extensions = { ["field"] = field },
        });
    }
}
