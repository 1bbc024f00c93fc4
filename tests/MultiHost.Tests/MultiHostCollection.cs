namespace Orleans.Conversations.MultiHost.Tests;

/// <summary>The tests that share one <see cref="MultiHostService"/>: building the hosts and the database takes a minute.</summary>
[CollectionDefinition(Name)]
public sealed class MultiHostCollection : ICollectionFixture<MultiHostService>
{
    public const string Name = "multi-host";
}
