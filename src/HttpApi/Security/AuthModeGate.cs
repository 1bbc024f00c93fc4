namespace Orleans.Conversations.HttpApi.Security;

/// <summary>Holds requests until the <see cref="AuthMode"/> is decided, so none is served openly by mistake.</summary>
internal sealed class AuthModeGate(RequestDelegate next, AuthModeResolver resolver)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!resolver.Mode.IsCompleted)
            await resolver.Mode.WaitAsync(context.RequestAborted);
        await next(context);
    }
}
