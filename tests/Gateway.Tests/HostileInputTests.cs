using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Orleans.Conversations.Gateway.Tests.Fuzzing;

namespace Orleans.Conversations.Gateway.Tests;

/// <summary>
/// Random hostile input on every string field of every route: every answer is a 2xx or a 4xx problem, never a 5xx;
/// ordinary text of any kind is stored exactly; after every rejected request the session answers the next message;
/// nothing is half-stored.
/// </summary>
[Collection(ServiceCollection.Name)]
public sealed class HostileInputTests(ServiceFixture service)
{
    private const int MaxTextLength = 8000;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task hostile_message_bodies_are_answered_by_the_contract_and_the_session_keeps_answering(int seed)
    {
        var random = new Random(seed);
        var sessionId = Guid.NewGuid();
        var acknowledged = new List<string>();
        for (var i = 0; i < 40; i++)
        {
            var (body, expected, text, messageId) = NextMessageBody(random, $"s{seed}-{i}-");
            using var response = await PostAsync($"/api/sessions/{sessionId}/messages", body);
            var context = $"seed {seed}, request {i}: {Describe(body)}";
            await AssertAnswerAsync(response, expected, context);
            if (response.IsSuccessStatusCode)
            {
                var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
                var id = answer["messageId"]!.GetValue<string>();
                acknowledged.Add(id);
                if (messageId is not null)
                    Assert.Equal(messageId, id);
                if (text is not null)
                    Assert.Equal(text, await StoredTextAsync(sessionId, id));
            }

            var next = await service.SendAsync(sessionId, "how many messages have I sent?", $"s{seed}-{i}-valid");
            acknowledged.Add(next["messageId"]!.GetValue<string>());
        }

        await StreamInvariants.AssertAsync(sessionId, acknowledged);
    }

    [Theory]
    [InlineData(4)]
    [InlineData(5)]
    public async Task hostile_seed_route_bodies_never_answer_5xx_and_store_ordinary_text_exactly(int seed)
    {
        var random = new Random(seed);
        var sessionId = Guid.NewGuid();
        for (var i = 0; i < 40; i++)
        {
            var text = random.Next(4) == 0 ? HostileString.Of("I like tea") : HostileString.Next(random);
            var sessionField = random.Next(5) == 0 ? HostileString.Next(random).Json : Encoding.UTF8.GetBytes($"\"{sessionId}\"");
            var messageIdField = random.Next(3) == 0 ? HostileString.Next(random).Json : Encoding.UTF8.GetBytes($"\"seed{seed}-{i}\"");
            var body = Concat("{\"session_id\":"u8.ToArray(), sessionField, ",\"text\":"u8.ToArray(), text.Json, ",\"message_id\":"u8.ToArray(), messageIdField, "}"u8.ToArray());

            using var response = await PostAsync("/message", body);

            await AssertAnswerAsync(response, Expectation.Any, $"seed {seed}, request {i}: {Describe(body)}");
            if (response.IsSuccessStatusCode && text.Storable)
            {
                var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
                Assert.Equal(text.Text, await StoredTextAsync(sessionId, answer["message_id"]!.GetValue<string>()));
            }
        }

        await service.SendAsync(sessionId, "what do I like?", $"seed{seed}-final");
        await StreamInvariants.AssertAsync(sessionId, [$"seed{seed}-final"]);
    }

    [Theory]
    [InlineData(6)]
    [InlineData(7)]
    public async Task hostile_user_ids_start_a_session_when_they_are_ordinary_text_and_get_400_otherwise(int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < 30; i++)
        {
            var userId = HostileString.Next(random);
            var body = Concat("{\"userId\":"u8.ToArray(), userId.Json, "}"u8.ToArray());

            using var response = await PostAsync("/api/sessions", body);

            var context = $"seed {seed}, request {i}: {Describe(body)}";
            if (userId.Json.Length + 12 > 64 * 1024)
                await AssertAnswerAsync(response, Expectation.Rejected, context);
            else if (userId.Storable)
                Assert.True(HttpStatusCode.Created == response.StatusCode, $"{context}: {(int)response.StatusCode}");
            else
                await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "userId");
        }
    }

    [Theory]
    [InlineData(8)]
    public async Task hostile_ids_queries_and_idempotency_keys_never_answer_5xx(int seed)
    {
        var random = new Random(seed);
        var sessionId = Guid.NewGuid();
        await service.SendAsync(sessionId, "my name is Ada", "first");
        for (var i = 0; i < 40; i++)
        {
            var hostile = Uri.EscapeDataString(HostileString.Next(random).Text is { Length: > 0 and < 2000 } t ? t : "x");
            string[] paths =
            [
                $"/api/sessions/{hostile}", $"/api/sessions/{hostile}/events", $"/api/sessions/{hostile}/state?version=1",
                $"/api/sessions/{sessionId}/events?from={hostile}&limit={hostile}", $"/api/sessions/{sessionId}/state?version={hostile}",
            ];
            foreach (var path in paths)
            {
                using var get = await service.Http.GetAsync(path);
                await AssertAnswerAsync(get, Expectation.Any, $"GET {path}");
            }

            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/sessions/{sessionId}/messages")
            {
                Content = new ByteArrayContent("{\"text\":\"I like chess\"}"u8.ToArray()) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
            };
            request.Headers.TryAddWithoutValidation("Idempotency-Key", RandomHeaderValue(random));
            using var post = await service.Http.SendAsync(request);
            await AssertAnswerAsync(post, Expectation.Any, $"Idempotency-Key {request.Headers.GetValues("Idempotency-Key").First()}");
        }

        var last = await service.SendAsync(sessionId, "what's my name?", "last");
        Assert.Contains("Ada", last["reply"]!.GetValue<string>());
        await StreamInvariants.AssertAsync(sessionId, ["first", "last"]);
    }

    private enum Expectation
    {
        Any,
        Succeeds,
        Rejected,
    }

    /// <summary>A message body, what the contract says of it, and, when it must succeed, the text and id it stores.</summary>
    private static (byte[] Body, Expectation Expected, string? Text, string? MessageId) NextMessageBody(Random random, string idPrefix)
    {
        switch (random.Next(10))
        {
            case 0:
                return (Garbage(random), Expectation.Rejected, null, null);
            case 1:
                var wrongType = random.Next(4) switch { 0 => "42", 1 => "[\"hi\"]", 2 => "{\"a\":1}", _ => "true" };
                return (Encoding.UTF8.GetBytes($"{{\"text\":{wrongType}}}"), Expectation.Rejected, null, null);
        }

        var text = HostileString.Next(random);
        var withId = random.Next(2) == 0;
        var idSuffix = random.Next(3) == 0 ? HostileString.Next(random) : HostileString.Of(random.Next(1000).ToString(System.Globalization.CultureInfo.InvariantCulture));
        var messageId = HostileString.Of(idPrefix);
        var idJson = Concat(messageId.Json[..^1], idSuffix.Json[1..]);
        var nested = random.Next(8) == 0 ? Encoding.ASCII.GetBytes($",\"extra\":{new string('[', 200)}{new string(']', 200)}") : [];
        var body = Concat("{\"text\":"u8.ToArray(), text.Json, withId ? Concat(",\"messageId\":"u8.ToArray(), idJson) : [], nested, "}"u8.ToArray());

        var fullId = idPrefix + idSuffix.Text;
        var acceptable = text.Storable && !string.IsNullOrWhiteSpace(text.Text) && Grains.Interfaces.UserMessageRules.CountCharacters(text.Text) <= MaxTextLength
            && (!withId || (idSuffix.Storable && fullId.Length <= 128))
            && nested.Length == 0 && body.Length <= 64 * 1024;
        return acceptable
            ? (body, Expectation.Succeeds, text.Text, withId ? fullId : null)
            : (body, Expectation.Rejected, null, null);
    }

    private static byte[] Garbage(Random random) => random.Next(5) switch
    {
        0 => [.. Enumerable.Range(0, random.Next(1, 300)).Select(_ => (byte)random.Next(256))],
        1 => Encoding.ASCII.GetBytes(new string('[', 100_000)),
        2 => "{\"text\": \"unterminated"u8.ToArray(),
        3 => "[\"not\", \"an\", \"object\"]"u8.ToArray(),
        _ => Encoding.ASCII.GetBytes("{\"text\":\"" + new string('x', 70_000) + "\"}"),
    };

    private static string RandomHeaderValue(Random random) =>
        new([.. Enumerable.Range(0, random.Next(0, 200)).Select(_ => (char)random.Next(0x20, 0x7F))]);

    /// <summary>
    /// Posts <paramref name="body"/>; one over the size limit asks to continue first, as HTTP clients do for large bodies, so
    /// that the early 413 is read rather than lost when the server closes the connection on the rest of the body.
    /// </summary>
    private async Task<HttpResponseMessage> PostAsync(string path, byte[] body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
        };
        request.Headers.ExpectContinue = body.Length > 64 * 1024;
        return await service.Http.SendAsync(request);
    }

    private static async Task AssertAnswerAsync(HttpResponseMessage response, Expectation expected, string context)
    {
        var status = (int)response.StatusCode;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status < 500, $"{context}: {status} {body}");
        if (status >= 400)
            Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json", $"{context}: {status} is not a problem: {body}");
        if (expected == Expectation.Succeeds)
            Assert.True(status == 200, $"{context}: expected 200, got {status} {body}");
        if (expected == Expectation.Rejected)
            Assert.True(status is 400 or 413, $"{context}: expected 400 or 413, got {status} {body}");
    }

    private static Task<string> StoredTextAsync(Guid sessionId, string messageId) => TestDatabase.ScalarAsync<string>(
        "SELECT data->>'text' FROM eventstore.events WHERE stream_id = $1 AND event_type = 'UserMessageReceived' AND data->>'messageId' = $2",
        TestDatabase.StreamOf(sessionId), messageId);

    private static byte[] Concat(params byte[][] parts) => [.. parts.SelectMany(p => p)];

    private static string Describe(byte[] body) =>
        body.Length <= 200 ? Encoding.UTF8.GetString(body) : $"{Encoding.UTF8.GetString(body, 0, 200)}... ({body.Length} bytes)";
}
