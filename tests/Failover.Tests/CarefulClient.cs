using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;

namespace Orleans.Conversations.Failover.Tests;

/// <summary>
/// A careful client: sends a message again with the same message id on 503 or a broken connection, never on anything
/// else, and records every answer it got.
/// </summary>
public sealed class CarefulClient(Func<string> logs)
{
    public ConcurrentBag<(HttpStatusCode Status, TimeSpan Took, bool RetryAfter)> Responses { get; } = [];

    public async Task SendUntilAcknowledgedAsync(HttpClient gateway, Guid id, string messageId, string text)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var clock = Stopwatch.StartNew();
            try
            {
                using var response = await gateway.PostAsJsonAsync($"/api/sessions/{id}/messages", new { text, messageId });
                Responses.Add((response.StatusCode, clock.Elapsed, response.Headers.RetryAfter is not null));
                if (response.IsSuccessStatusCode)
                    return;
                if (response.StatusCode != HttpStatusCode.ServiceUnavailable)
                    throw new InvalidOperationException($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}\n{logs()}");
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
            }

            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"message {messageId} of {id} was never acknowledged.\n{logs()}");
            await Task.Delay(250);
        }
    }
}
