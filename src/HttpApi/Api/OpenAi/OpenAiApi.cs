using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Orleans.Conversations.HttpApi.Cluster;
using Orleans.Conversations.HttpApi.Security;
using Orleans.Conversations.Grains.Interfaces;

namespace Orleans.Conversations.HttpApi.Api.OpenAi;

/// <summary>
/// OpenAI's <c>/v1/models</c> and <c>/v1/chat/completions</c>, so that OpenAI SDKs and chat front ends talk to the
/// sessions unchanged. A completion is one turn of the session named by <c>X-Session-Id</c> (a new one without it): only
/// the request's last <c>user</c> message is sent, since the session already holds what came before. When the earlier
/// messages differ from the session's turns (the client edited its history), the turn goes to a fork made at the first
/// difference, and <c>X-Session-Id</c> names the fork. Errors take
/// OpenAI's shape (<see cref="OpenAiErrorWriter"/>).
/// </summary>
public static class OpenAiApi
{
    /// <summary>The header that names the session of a completion, in the request and in every answer.</summary>
    internal const string SessionHeader = "X-Session-Id";

    /// <summary>The model id when no model is configured: the embedded engine answers.</summary>
    internal const string EmbeddedModel = "embedded";

    private const string Prefix = "/v1";

    /// <summary>Registers what the routes need; before <c>AddProblemDetails</c>, so that its error writer is asked first.</summary>
    public static IServiceCollection AddOpenAiCompatibleApi(this IServiceCollection services) =>
        services.AddSingleton<IProblemDetailsWriter, OpenAiErrorWriter>();

    /// <summary>Maps the routes.</summary>
    public static IEndpointRouteBuilder MapOpenAiCompatibleApi(this IEndpointRouteBuilder routes)
    {
        var v1 = routes.MapGroup(Prefix).WithTags("OpenAI-compatible").RequireRateLimiting(CallerRateLimiting.Policy);
        v1.MapGet("/models", ListModels).WithName("ListModels").WithSummary("The model that answers, as OpenAI lists models");
        v1.MapPost("/chat/completions", CompleteChat).WithName("CreateChatCompletion")
            .WithSummary("One turn of the session named by X-Session-Id (or a new one), answered as an OpenAI chat completion")
            .Accepts<ChatCompletionRequest>("application/json");
        return routes;
    }

    /// <summary>Whether <paramref name="path"/> is one of these routes' (so errors there take OpenAI's shape).</summary>
    internal static bool Serves(PathString path) => path.StartsWithSegments(Prefix, StringComparison.OrdinalIgnoreCase);

    private static Ok<object> ListModels(IConfiguration configuration, TimeProvider time) => TypedResults.Ok<object>(new
    {
        @object = "list",
        data = new[] { new { id = ModelOf(configuration), @object = "model", created = time.GetUtcNow().ToUnixTimeSeconds(), owned_by = "orleans-conversations" } },
    });

    private static async Task<Results<Ok<object>, ServerSentEventsResult<string>>> CompleteChat(
        HttpContext context, SessionCalls sessions, TurnStreams turns, IConfiguration configuration, TimeProvider time,
        IOptions<MessageLimitOptions> limits, IOptions<JsonOptions> json)
    {
        var sessionId = SessionOf(context);
        var request = await JsonRequestBody.ReadAsync<ChatCompletionRequest>(context, required: true);
        var caller = context.User.ToCaller();
        var (text, field) = request!.CheckedTurn();
        var message = Accept(context, text, field, limits.Value);
        if (context.Request.Headers.ContainsKey(SessionHeader) && request.EarlierTurns() is { Count: > 0 } history
            && await OwnedAsync(sessionId, () => sessions.CallAsync(sessionId, grain => grain.ForkForHistory(caller, history, message.MessageId))) is { } fork)
        {
            sessionId = fork.SessionId;
            context.Items[SessionHeader] = sessionId;
        }

        var completions = ChatCompletions.Of(message.MessageId!, ModelOf(configuration), time, json.Value.SerializerOptions);

        if (request.Stream == true)
        {
            var first = await OwnedAsync(sessionId, () => turns.StartAsync(sessionId, caller, message));
            var rest = turns.FollowAsync(sessionId, caller, message.MessageId!, first[^1].Sequence, context.RequestAborted);
            return TypedResults.ServerSentEvents(completions.StreamAsync(
                TurnEventStream.Concat(first, rest), text, request.StreamOptions?.IncludeUsage == true, context.RequestAborted));
        }

        var reply = await OwnedAsync(sessionId, () => sessions.CallAsync(sessionId, grain => grain.SendMessage(caller, message)));
        return TypedResults.Ok(completions.Completion(text, reply.Reply));
    }

    /// <summary>The turn's message, its problems naming the request's field rather than our API's <c>text</c>.</summary>
    private static UserMessage Accept(HttpContext context, string text, string field, MessageLimitOptions limits)
    {
        try
        {
            return TurnMessageIds.Accept(context, text, null, limits);
        }
        catch (MessageRejectedException rejected) when (rejected.Field == "text")
        {
            var failure = FailureProblems.Rejected(rejected);
            throw new ApiProblemException(failure.Status, failure.Title, $"The last user message ({field}): {rejected.Message}", field);
        }
    }

    /// <summary>The session of the request, named in every answer from here on (errors included).</summary>
    private static Guid SessionOf(HttpContext context)
    {
        var header = context.Request.Headers[SessionHeader];
        var sessionId = Guid.Empty;
        if (header.Count > 0 && (header.Count > 1 || !SessionIds.TryParse(header[0], out sessionId)))
            throw ApiProblemException.BadRequest($"Header '{SessionHeader}' must be one UUID such as 3f2504e0-4f89-11d3-9a0c-0305e82c3301.", SessionHeader);
        if (header.Count == 0)
            sessionId = NewSessionFor(context);

        // Set when the answer starts, since the exception handler clears the headers set before it ran; a fork made for
        // an edited history replaces the session in the items.
        context.Items[SessionHeader] = sessionId;
        context.Response.OnStarting(() =>
        {
            context.Response.Headers[SessionHeader] = context.Items[SessionHeader]!.ToString();
            return Task.CompletedTask;
        });
        return sessionId;
    }

    /// <summary>
    /// The session a request without <c>X-Session-Id</c> starts: a new one, or, when it carries an <c>Idempotency-Key</c>,
    /// the one that key names for this caller, so that a client retrying a completion it never got an answer to (an SDK
    /// does after a timeout) finds the turn already there instead of starting a second conversation.
    /// </summary>
    private static Guid NewSessionFor(HttpContext context)
    {
        var key = context.Request.Headers[TurnMessageIds.IdempotencyKeyHeader];
        if (key.Count != 1 || string.IsNullOrEmpty(key[0]))
            return Guid.NewGuid();
        var caller = context.User.ToCaller();
        var hash = System.Security.Cryptography.SHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes($"{caller.Tenant.Length}:{caller.Tenant}{caller.UserId.Length}:{caller.UserId}{key[0]}"));
        // The layout of a version 8 (custom) UUID: the version in the high nibble of byte 6, the variant in byte 8.
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }

    /// <summary>The grain call, whose "no such session" names the header that chose the session.</summary>
    private static async Task<T> OwnedAsync<T>(Guid sessionId, Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (SessionNotFoundException notFound)
        {
            var failure = FailureProblems.Of(notFound)!;
            throw new ApiProblemException(failure.Status, failure.Title, failure.Detail, SessionHeader);
        }
    }

    private static string ModelOf(IConfiguration configuration) =>
        string.IsNullOrWhiteSpace(configuration["Model:Endpoint"]) ? EmbeddedModel : configuration["Model:Name"] ?? EmbeddedModel;
}
