using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Orleans.Conversations.EventStore;
using Orleans.Conversations.Gateway.Tests.Memory;
using Orleans.Conversations.Grains;
using Orleans.Conversations.Search;
using Orleans.Conversations.Search.Embeddings;
using Orleans.Conversations.Tests;
using Orleans.TestingHost;

namespace Orleans.Conversations.Gateway.Tests.Search;

/// <summary>
/// Semantic recall with the real model over the shared service (which runs with embeddings off, so it writes no
/// vectors): this class drives an <see cref="EmbeddingProjector"/> on the service's feed itself and recalls through a
/// <see cref="SearchStore"/> with the embedder; erasures go through the service.
/// </summary>
[Collection(ServiceCollection.Name)]
public sealed class SemanticRecallTests(ServiceFixture service)
{
    private const string Tenant = "semantic";
    private static readonly MiniLmEmbedder Embedder = new();

    // The shared service's feed holds every other test's messages: embedding starts where the first test of this class began.
    private static Task<FeedCursor>? s_firstTestBegan;
    private readonly Task<FeedCursor> _feedStart = s_firstTestBegan ??= FeedOf(service).EndAsync();

    private static IEventFeed FeedOf(ServiceFixture service) =>
        service.Cluster.Silos.OfType<InProcessSiloHandle>().First().SiloHost.Services.GetRequiredKeyedService<IEventFeed>(ConversationGrainConstants.EventStoreName);

    private static Task<long> VectorsOfSessionAsync(Guid sessionId) =>
        TestDatabase.ScalarAsync<long>("SELECT count(*) FROM search.message_vectors WHERE session_id = $1", sessionId);

    private static Task<long> VectorsOfOwnerAsync(string owner) =>
        TestDatabase.ScalarAsync<long>("SELECT count(*) FROM search.message_vectors WHERE tenant_id = $1 AND owner_id = $2", Tenant, owner);

    private async Task<(HttpClient Client, string Owner)> NewUserAsync()
    {
        var owner = $"user-{Guid.NewGuid():N}";
        return (service.Secured.ClientWith(await service.NewKeyAsync(Tenant, owner)), owner);
    }

    private static async Task<NpgsqlDataSource> DataSourceAsync() => NpgsqlDataSource.Create(await TestDatabase.GetConnectionStringAsync());

    private async Task EmbedEverythingAsync(NpgsqlDataSource dataSource)
    {
        var feed = FeedOf(service);
        await TestDatabase.ScalarAsync<long>(
            "WITH started AS (INSERT INTO search.vector_projection (name, cursor) VALUES ('vectors', $1) ON CONFLICT (name) DO NOTHING RETURNING 1) SELECT count(*) FROM started",
            (await _feedStart).ToToken());
        var projector = new EmbeddingProjector(dataSource, feed, new LegacyOwner("default", "local"), Embedder, TimeProvider.System,
            NullLogger<EmbeddingProjector>.Instance);
        while (await projector.ProjectBatchAsync() > 0)
        {
        }

        Assert.True(await projector.LagAsync() < EmbeddingProjector.LagWarning);
    }

    [Fact]
    public async Task the_service_writes_no_vectors_and_the_projection_writes_one_of_384_dimensions_per_message()
    {
        var (client, _) = await NewUserAsync();
        using var _ = client;
        var session = Guid.NewGuid();
        await client.SayAsync(session, "the zeppelin hangar smells of canvas");
        await client.WaitForHitsAsync("zeppelin");
        Assert.Equal(0, await VectorsOfSessionAsync(session));

        await using var dataSource = await DataSourceAsync();
        await EmbedEverythingAsync(dataSource);

        Assert.Equal(2, await VectorsOfSessionAsync(session));
        Assert.Equal(384, await TestDatabase.ScalarAsync<int>(
            "SELECT min(cardinality(vector)) FROM search.message_vectors WHERE session_id = $1", session));
    }

    [Fact]
    public async Task recall_finds_a_related_message_with_no_shared_word_within_the_owner_and_the_scope()
    {
        var (client, owner) = await NewUserAsync();
        var (stranger, strangerId) = await NewUserAsync();
        using var _ = client;
        using var __ = stranger;
        var earlier = await client.StartAsync(new { memory = "on" });
        var temporary = await client.StartAsync(new { memory = "off" });
        var asking = await client.StartAsync(new { memory = "on" });
        await client.SayAsync(earlier, "I adopted a puppy last week");
        await client.SayAsync(temporary, "my kitten sleeps on the radiator all day");
        await stranger.SayAsync(Guid.NewGuid(), "I adopted a puppy last week");
        await stranger.WaitForHitsAsync("puppy");
        await client.WaitForHitsAsync("kitten");
        await using var dataSource = await DataSourceAsync();
        await EmbedEverythingAsync(dataSource);

        var semantic = new SearchStore(dataSource, Embedder);
        var scope = new RecallScope(Tenant, owner, asking, OtherSessions: true);
        var now = DateTimeOffset.UtcNow;
        Assert.Empty(await new SearchStore(dataSource).RecallRelevantAsync(scope, "what did I say about my dog?", now, 5));

        var relevant = await semantic.RecallRelevantAsync(scope, "what did I say about my dog?", now, 5);
        Assert.Contains(relevant, r => r.Text == "I adopted a puppy last week" && r.SessionId == earlier);
        Assert.All(relevant, r => Assert.True(r.SessionId == earlier, $"{r.SessionId}: {r.Text}"));
        Assert.Contains(await semantic.RecallTopicAsync(scope, "my dog", 5), r => r.Text == "I adopted a puppy last week");

        Assert.DoesNotContain(await semantic.RecallRelevantAsync(scope, "tell me about my cat", now, 5), r => r.SessionId == temporary);
        var fromTemporary = await semantic.RecallRelevantAsync(scope with { SessionId = temporary }, "tell me about my cat", now, 5);
        Assert.Contains(fromTemporary, r => r.SessionId == temporary);
        Assert.Empty(await semantic.RecallRelevantAsync(new RecallScope("other-tenant", strangerId, asking, true), "my dog", now, 5));
    }

    [Fact]
    public async Task a_deleted_session_and_an_erased_user_take_their_vectors_and_leave_another_users()
    {
        var (client, owner) = await NewUserAsync();
        var (other, otherId) = await NewUserAsync();
        using var _ = client;
        using var __ = other;
        var doomed = Guid.NewGuid();
        var kept = Guid.NewGuid();
        await client.SayAsync(doomed, "the greenhouse key is under the gnome");
        await client.SayAsync(kept, "the greenhouse needs new glass");
        await other.SayAsync(Guid.NewGuid(), "the greenhouse is full of tomatoes");
        await client.WaitForHitsAsync("greenhouse", 2);
        await other.WaitForHitsAsync("greenhouse");
        await using var dataSource = await DataSourceAsync();
        await EmbedEverythingAsync(dataSource);
        Assert.True(await VectorsOfSessionAsync(doomed) > 0);

        using (var deleted = await client.DeleteAsync($"/api/sessions/{doomed}"))
            Assert.True(deleted.IsSuccessStatusCode, deleted.StatusCode.ToString());
        Assert.Equal(0, await VectorsOfSessionAsync(doomed));
        Assert.True(await VectorsOfSessionAsync(kept) > 0);

        using (var erased = await client.DeleteAsync("/api/users/me"))
            Assert.Equal(HttpStatusCode.OK, erased.StatusCode);
        Assert.Equal(0, await VectorsOfOwnerAsync(owner));
        Assert.True(await VectorsOfOwnerAsync(otherId) > 0);

        await EmbedEverythingAsync(dataSource);
        Assert.Equal(0, await VectorsOfOwnerAsync(owner));
    }
}
