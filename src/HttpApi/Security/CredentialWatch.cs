namespace Orleans.Conversations.HttpApi.Security;

/// <summary>
/// Watches the credential of one open connection: <see cref="Lost"/> completes with true once it no longer holds
/// (checked every <see cref="CredentialRecheck.Interval"/>, and by <see cref="CheckNowAsync"/>), with false when the
/// watch is disposed.
/// </summary>
internal sealed class CredentialWatch : IAsyncDisposable
{
    private readonly CredentialRecheck _recheck;
    private readonly HttpContext _context;
    private readonly TaskCompletionSource<bool> _lost = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stop = new();
    private readonly CancellationTokenSource _lostSignal = new();
    private readonly Task _loop;
    private int _disposed;

    public CredentialWatch(CredentialRecheck recheck, HttpContext context, TimeProvider timeProvider)
    {
        _recheck = recheck;
        _context = context;
        _loop = WatchAsync(timeProvider);
    }

    /// <summary>True once the credential was found not to hold; false when the watch ended first.</summary>
    public Task<bool> Lost => _lost.Task;

    /// <summary>Cancelled once the credential is found not to hold: for work that must stop then.</summary>
    public CancellationToken LostToken => _lostSignal.Token;

    /// <summary>Whether the credential was found not to hold.</summary>
    public bool IsLost => _lost.Task.IsCompletedSuccessfully && _lost.Task.Result;

    /// <summary>Checks at once (as each frame arrives); false, and <see cref="Lost"/> completed, if the credential no longer holds.</summary>
    public async Task<bool> CheckNowAsync()
    {
        if (IsLost)
            return false;
        if (await _recheck.StillHoldsAsync(_context, _stop.Token))
            return true;
        if (_lost.TrySetResult(true))
            await _lostSignal.CancelAsync();
        return false;
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
            return;
        _lost.TrySetResult(false);
        await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
        _lostSignal.Dispose();
    }

    private async Task WatchAsync(TimeProvider timeProvider)
    {
        while (!_lost.Task.IsCompleted)
        {
            await Task.Delay(CredentialRecheck.Interval, timeProvider, _stop.Token);
            if (!await CheckNowAsync())
                return;
        }
    }
}
