using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;
using Orleans.Conversations.Bench.Infrastructure;

namespace Orleans.Conversations.Bench.Scenarios;

/// <summary>
/// The seed's design, minimally: a stateless endpoint that on each message reads every event of the session from
/// PostgreSQL, replays them, and inserts the message and its reply as two rows in one transaction.
/// </summary>
public sealed class SeedDesignServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SeedDesignServer(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<SeedDesignServer> StartAsync(NpgsqlDataSource dataSource)
    {
        var address = new Uri($"http://127.0.0.1:{InProcessSilo.FreePort()}");
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(address.ToString().TrimEnd('/'));
        var app = builder.Build();
        app.MapPost("/api/sessions/{id}/messages", (string id, HttpRequest request) => HandleAsync(dataSource, id, request));
        await app.StartAsync();
        return new SeedDesignServer(app, address);
    }

    private static async Task<IResult> HandleAsync(NpgsqlDataSource dataSource, string id, HttpRequest request)
    {
        using var body = await JsonDocument.ParseAsync(request.Body);
        var text = body.RootElement.GetProperty("text").GetString()!;

        var version = 0;
        var messages = 0;
        await using (var read = dataSource.CreateCommand("SELECT version, event_type, data::text FROM bench_seed_events WHERE stream_id = $1 ORDER BY version"))
        {
            read.Parameters.Add(new NpgsqlParameter<string> { TypedValue = id });
            await using var reader = await read.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                version = reader.GetInt32(0);
                using var data = JsonDocument.Parse(reader.GetString(2));
                if (reader.GetString(1) == "UserMessageReceived")
                    messages++;
            }
        }

        var reply = $"You have sent {messages} messages before this one.";
        await using var write = dataSource.CreateCommand(
            """
            INSERT INTO bench_seed_events (stream_id, version, event_type, data, batch_id)
            VALUES ($1, $2 + 1, 'UserMessageReceived', $3, $5), ($1, $2 + 2, 'AssistantReplied', $4, $5)
            ON CONFLICT DO NOTHING
            """);
        write.Parameters.Add(new NpgsqlParameter<string> { TypedValue = id });
        write.Parameters.Add(new NpgsqlParameter<int> { TypedValue = version });
        write.Parameters.Add(new NpgsqlParameter<string> { TypedValue = JsonSerializer.Serialize(new { text }), NpgsqlDbType = NpgsqlDbType.Jsonb });
        write.Parameters.Add(new NpgsqlParameter<string> { TypedValue = JsonSerializer.Serialize(new { text = reply }), NpgsqlDbType = NpgsqlDbType.Jsonb });
        write.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = Guid.NewGuid() });
        await write.ExecuteNonQueryAsync();
        return Results.Json(new { sessionId = id, reply, version = version + 2 });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
