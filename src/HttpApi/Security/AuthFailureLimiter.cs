using System.Globalization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Orleans.Conversations.Access;
using Orleans.Conversations.HttpApi.Hosting;

namespace Orleans.Conversations.HttpApi.Security;

/// <summary>
/// Runs before authentication when credentials are required: a request that brings a credential spends from its
/// address's <see cref="AuthFailureBudget"/> unless the credential turns out good; past the budget it gets <c>429</c>
/// before its credential is looked at (unless it is a key the gateway has cached as good), so made-up keys cannot make
/// the gateway read the key table without bound.
/// </summary>
internal sealed class AuthFailureLimiter(
    RequestDelegate next, AuthModeResolver resolver, AuthFailureBudget budget, RateLimitOptions options, ApiKeyVerifier verifier)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!options.Enabled || resolver.Current != AuthMode.Required || BearerCredential.Read(context.Request) is not { } credential)
        {
            await next(context);
            return;
        }

        var address = AuthFailureBudget.AddressOf(context);
        if (!budget.TryReserve(address, out var retryAfter))
        {
            // A key this gateway already knows to be good costs no query: its user is not locked out by others at the address.
            if (verifier.VerifyCached(credential) is { IsValid: true })
            {
                await next(context);
                return;
            }

            var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
            context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            await ProblemResponses.WriteAsync(context, new ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many failed authentications",
                Detail = $"Too many requests from this address brought a credential that was refused; retry after {seconds} s.",
            });
            return;
        }

        bool good;
        try
        {
            // The scheme caches its result for this request: the authentication middleware that follows reuses it.
            good = (await context.AuthenticateAsync()).Succeeded;
        }
        catch
        {
            budget.Refund(address);
            throw;
        }

        if (good)
            budget.Refund(address);
        await next(context);
    }
}
