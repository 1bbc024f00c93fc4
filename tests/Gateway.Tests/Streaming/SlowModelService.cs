using Orleans.Conversations.Tests.Fakes;

namespace Orleans.Conversations.Gateway.Tests.Streaming;

/// <summary>A service whose model streams its reply a word every 400 ms: slow enough to act on a turn mid-stream on a busy machine.</summary>
public sealed class SlowModelService : ModelService
{
    public const string Reply = "one two three four five six seven eight";

    protected override Dictionary<string, string?> ModelSettings(FakeChatServer model) => new()
    {
        ["Model:Endpoint"] = model.Endpoint.ToString(),
        ["Model:Name"] = "slow-model",
        ["Model:ApiKey"] = "test-key",
    };

    protected override void Configure(FakeChatServer model)
    {
        model.Reply = Reply;
        model.ChunkDelay = TimeSpan.FromMilliseconds(400);
    }
}
