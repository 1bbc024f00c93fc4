namespace Orleans.Conversations.Grains.Interfaces;

/// <summary>
/// The timeouts a turn runs under, which must nest: the gateway waits for the grain longer than the grain can take,
/// which is at most one wait for earlier events, one model reply and one wait for the event store.
/// </summary>
public static class TurnTimeouts
{
    /// <summary>The default of <c>Model:Timeout</c>: how long one model reply may take.</summary>
    public static readonly TimeSpan DefaultModelTimeout = Engine.Model.ModelOptions.DefaultTimeout;

    /// <summary>The default of <c>Conversations:ConfirmTimeout</c>: how long a turn waits for the event store.</summary>
    public static readonly TimeSpan DefaultConfirmTimeout = TimeSpan.FromSeconds(10);

    /// <summary>What a call spends besides those waits: messaging, reads, the engine.</summary>
    public static readonly TimeSpan Margin = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The shortest call timeout a caller of the grain may use: two event-store waits (earlier unconfirmed events, then
    /// this turn), the model's timeout when a model answers, and the margin.
    /// </summary>
    public static TimeSpan MinimumCallTimeout(TimeSpan? modelTimeout, TimeSpan confirmTimeout) =>
        (modelTimeout ?? TimeSpan.Zero) + confirmTimeout + confirmTimeout + Margin;
}
