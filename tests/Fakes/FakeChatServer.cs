using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Orleans.Conversations.Tests.Fakes;

/// <summary>
/// An OpenAI-compatible chat completions endpoint on loopback that records every request and answers as the test
/// says: with a reply, an error status, or not before a delay; streamed a word at a time when asked to stream.
/// </summary>
public sealed class FakeChatServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<JsonObject> _requests = [];

    private FakeChatServer(WebApplication app) => _app = app;

    /// <summary>The base address to configure as <c>Model:Endpoint</c>.</summary>
    public Uri Endpoint => new(_app.Urls.First() + "/v1");

    /// <summary>What the next requests get: the reply text, or null to answer with <see cref="FailureStatus"/>.</summary>
    public string? Reply { get; set; } = "A reply from the model.";

    /// <summary>The status sent when <see cref="Reply"/> is null.</summary>
    public int FailureStatus { get; set; } = StatusCodes.Status500InternalServerError;

    /// <summary>How long to wait before answering.</summary>
    public TimeSpan Delay { get; set; } = TimeSpan.Zero;

    /// <summary>How long to wait between the words of a streamed reply.</summary>
    public TimeSpan ChunkDelay { get; set; } = TimeSpan.Zero;

    /// <summary>The bodies received, oldest first.</summary>
    public IReadOnlyList<JsonObject> Requests
    {
        get
        {
            lock (_requests)
                return [.. _requests];
        }
    }

    public static async Task<FakeChatServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new FakeChatServer(app);
        app.MapPost("/v1/chat/completions", server.HandleAsync);
        await app.StartAsync();
        return server;
    }

    private async Task HandleAsync(HttpContext context)
    {
        if (await AnswerAsync(context) is { } result)
            await result.ExecuteAsync(context);
    }

    private async Task<IResult?> AnswerAsync(HttpContext context)
    {
        var request = context.Request;
        var body = (await JsonNode.ParseAsync(request.Body))!.AsObject();
        lock (_requests)
            _requests.Add(body);
        if (Delay > TimeSpan.Zero)
            await Task.Delay(Delay);
        if (Reply is null)
            return Results.Json(new { error = new { message = "the fake model is down", type = "server_error" } }, statusCode: FailureStatus);
        if (body["stream"]?.GetValue<bool>() == true)
        {
            await StreamAsync(context.Response, Reply, context.RequestAborted);
            return null;
        }

        return Results.Json(new
        {
            id = "chatcmpl-test",
            @object = "chat.completion",
            created = 1_700_000_000,
            model = body["model"]?.GetValue<string>() ?? "fake",
            choices = new[] { new { index = 0, message = new { role = "assistant", content = Reply }, finish_reason = "stop" } },
            usage = new { prompt_tokens = 10, completion_tokens = 5, total_tokens = 15 },
        }, new JsonSerializerOptions());
    }

    private async Task StreamAsync(HttpResponse response, string reply, CancellationToken cancellationToken)
    {
        response.ContentType = "text/event-stream";
        var words = reply.Split(' ');
        for (var i = 0; i < words.Length; i++)
        {
            var piece = i == words.Length - 1 ? words[i] : words[i] + " ";
            var chunk = new JsonObject
            {
                ["id"] = "chatcmpl-test",
                ["object"] = "chat.completion.chunk",
                ["created"] = 1_700_000_000,
                ["model"] = "fake",
                ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["delta"] = new JsonObject { ["content"] = piece }, ["finish_reason"] = null }),
            };
            await response.WriteAsync($"data: {chunk.ToJsonString()}\n\n", cancellationToken);
            await response.Body.FlushAsync(cancellationToken);
            if (ChunkDelay > TimeSpan.Zero)
                await Task.Delay(ChunkDelay, cancellationToken);
        }

        await response.WriteAsync("data: [DONE]\n\n", cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
