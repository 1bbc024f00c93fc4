using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;

namespace Orleans.Conversations.MultiHost.Tests;

/// <summary>One HTTP attempt at a turn: when it started and ended, and how it was answered (0: no answer at all).</summary>
public sealed record TurnAttempt(Guid Session, string MessageId, DateTime Started, DateTime Ended, int Status, bool RetryAfter);

/// <summary>
/// Careful clients, one per session, conversing without pause: each message has its own id and is sent again with the
/// same id after a 503 or a lost connection until it is answered; any other answer is a failure. Every attempt is
/// recorded, so a test can tell what the clients saw and when.
/// </summary>
public sealed class ConversationLoad(HttpClient gateway, int sessions)
{
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(90);
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<string> _failures = new();
    private Task _running = Task.CompletedTask;

    public IReadOnlyList<Guid> Sessions { get; } = Enumerable.Range(0, sessions).Select(_ => Guid.NewGuid()).ToList();

    /// <summary>The message ids each session's client got a reply for.</summary>
    public ConcurrentDictionary<Guid, ConcurrentQueue<string>> Acknowledged { get; } = new();

    public ConcurrentQueue<TurnAttempt> Attempts { get; } = new();

    /// <summary>What went wrong in the clients (an unexpected status, a message never answered).</summary>
    public IReadOnlyCollection<string> Failures => _failures;

    public int AcknowledgedCount => Acknowledged.Values.Sum(q => q.Count);

    public void Start() =>
        _running = Task.WhenAll(Sessions.Select(id => Task.Run(() => ConverseAsync(id))));

    /// <summary>Lets every client finish the message it is sending, then stops them.</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await _running.WaitAsync(GiveUpAfter + TimeSpan.FromSeconds(30));
    }

    /// <summary>
    /// How long after <paramref name="moment"/> the first new message (first sent after it, so stored after it, not a
    /// retry answered from what was stored before) was answered.
    /// </summary>
    public TimeSpan? FirstNewTurnAnsweredAfter(DateTime moment)
    {
        var answered = Attempts.GroupBy(a => (a.Session, a.MessageId))
            .Where(turn => turn.Min(a => a.Started) >= moment)
            .SelectMany(turn => turn.Where(a => a.Status == 200))
            .Select(a => a.Ended - moment)
            .ToList();
        return answered.Count == 0 ? null : answered.Min();
    }

    /// <summary>Whether every session had a turn answered that was attempted and answered between the two moments.</summary>
    public bool EverySessionAnsweredBetween(DateTime from, DateTime to) =>
        Sessions.All(id => Attempts.Any(a => a.Session == id && a.Status == 200 && a.Started >= from && a.Ended <= to));

    /// <summary>
    /// The longest time <paramref name="session"/> went without an answer between the two moments: from
    /// <paramref name="from"/> to its first answer, between answers, and from its last answer to <paramref name="to"/>.
    /// </summary>
    public TimeSpan LongestWaitBetween(Guid session, DateTime from, DateTime to)
    {
        var answers = Attempts.Where(a => a.Session == session && a.Status == 200 && a.Ended > from && a.Ended < to)
            .Select(a => a.Ended).Order().Prepend(from).Append(to).ToList();
        return answers.Zip(answers.Skip(1), (earlier, later) => later - earlier).Max();
    }

    private async Task ConverseAsync(Guid session)
    {
        var acknowledged = Acknowledged.GetOrAdd(session, _ => new ConcurrentQueue<string>());
        for (var i = 0; !_stop.IsCancellationRequested; i++)
        {
            var messageId = $"m{i}";
            if (!await SendUntilAnsweredAsync(session, messageId, $"I like thing {i}"))
                return;
            acknowledged.Enqueue(messageId);
        }
    }

    private async Task<bool> SendUntilAnsweredAsync(Guid session, string messageId, string text)
    {
        var deadline = DateTime.UtcNow + GiveUpAfter;
        var delay = TimeSpan.FromMilliseconds(100);
        while (DateTime.UtcNow < deadline)
        {
            var started = DateTime.UtcNow;
            try
            {
                using var response = await gateway.PostAsJsonAsync($"/api/sessions/{session}/messages", new { text, messageId });
                Attempts.Enqueue(new(session, messageId, started, DateTime.UtcNow, (int)response.StatusCode, response.Headers.RetryAfter is not null));
                if (response.IsSuccessStatusCode)
                    return true;
                if (response.StatusCode != HttpStatusCode.ServiceUnavailable)
                {
                    _failures.Enqueue($"{session}/{messageId}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                    return false;
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
                Attempts.Enqueue(new(session, messageId, started, DateTime.UtcNow, 0, false));
            }

            await Task.Delay(delay);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 1000));
        }

        _failures.Enqueue($"{session}/{messageId}: never answered within {GiveUpAfter}");
        return false;
    }
}
