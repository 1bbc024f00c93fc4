using Orleans.Conversations.Tests.Fakes;

namespace Orleans.Conversations.Gateway.Tests.OpenAi;

/// <summary>
/// A second service whose sessions answer through <see cref="FakeChatServer"/> (as <c>test-model</c>, with a 2 s
/// timeout), behind one gateway in open mode.
/// </summary>
public sealed class ModelServiceFixture : ModelService
{
    public const string ModelName = "test-model";

    protected override Dictionary<string, string?> ModelSettings(FakeChatServer model) => new()
    {
        ["Model:Endpoint"] = model.Endpoint.ToString(),
        ["Model:Name"] = ModelName,
        ["Model:Timeout"] = "00:00:02",
    };
}

[CollectionDefinition(Name)]
public sealed class ModelServiceCollection : ICollectionFixture<ModelServiceFixture>
{
    public const string Name = "model service";
}
