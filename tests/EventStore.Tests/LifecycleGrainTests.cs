using Microsoft.Extensions.DependencyInjection;
using Orleans.Conversations.EventStore.Tests.Infrastructure;
using Orleans.Conversations.EventStore.Tests.Journal;
using Orleans.TestingHost;

namespace Orleans.Conversations.EventStore.Tests;

/// <summary>The tenant a caller sets, and erasure, as a journaled grain and its silo see them.</summary>
[Collection(JournalClusterCollection.Name)]
public sealed class LifecycleGrainTests(JournalClusterFixture fixture)
{
    private T Service<T>() where T : notnull =>
        ((InProcessSiloHandle)fixture.Cluster.Primary!).SiloHost!.Services.GetRequiredKeyedService<T>(JournalGrain.EventStoreName);

    [Fact]
    public async Task the_tenant_the_caller_sets_is_stored_with_the_events_and_the_feed_reads_them_by_tenant()
    {
        var id = Guid.NewGuid();
        var tenant = $"tenant-{Guid.NewGuid():N}";
        RequestContext.Set(EventMetadataKeys.TenantId, tenant);
        try
        {
            await fixture.Cluster.GrainFactory.GetGrain<IJournalGrain>(id).Add("tea", "chess");
        }
        finally
        {
            RequestContext.Remove(EventMetadataKeys.TenantId);
        }

        Assert.Equal(tenant, await TestDatabase.ScalarAsync<string>(
            "SELECT string_agg(DISTINCT tenant_id, ',') FROM eventstore.events WHERE stream_id = $1", $"journal/{id:N}"));
        var reader = new FeedReader(Service<IEventFeed>(), FeedCursor.Start, tenant);
        await reader.ReadUntilAsync(2, limit: 10);
        Assert.Equal([1, 2], reader.Seen.Select(e => e.Version));
        Assert.All(reader.Seen, e => Assert.Equal($"journal/{id:N}", e.StreamId));
    }

    [Fact]
    public async Task every_event_carries_the_metadata_of_the_request_that_raised_it()
    {
        var id = Guid.NewGuid();
        var grain = fixture.Cluster.GrainFactory.GetGrain<IJournalGrain>(id);
        var requests = new[] { ("cause-1", "tenant-a"), ("cause-2", "tenant-a"), ("cause-2", "tenant-b") };
        foreach (var (causation, tenant) in requests)
        {
            RequestContext.Set(EventMetadataKeys.CausationId, causation);
            RequestContext.Set(EventMetadataKeys.TenantId, tenant);
            try
            {
                await grain.Add($"{causation} {tenant} first", $"{causation} {tenant} second");
            }
            finally
            {
                RequestContext.Clear();
            }
        }

        await grain.Add("no request context");

        Assert.Equal(
            """
            1:{"tenantId": "tenant-a", "causationId": "cause-1"}
            2:{"tenantId": "tenant-a", "causationId": "cause-1"}
            3:{"tenantId": "tenant-a", "causationId": "cause-2"}
            4:{"tenantId": "tenant-a", "causationId": "cause-2"}
            5:{"tenantId": "tenant-b", "causationId": "cause-2"}
            6:{"tenantId": "tenant-b", "causationId": "cause-2"}
            7:{}
            """.ReplaceLineEndings("\n"),
            await TestDatabase.ScalarAsync<string>(
                "SELECT string_agg(version || ':' || metadata::text, E'\\n' ORDER BY version) FROM eventstore.events WHERE stream_id = $1",
                $"journal/{id:N}"));
    }

    [Fact]
    public async Task an_erased_grain_writes_nothing_more_and_its_conditional_raises_answer_false()
    {
        var id = Guid.NewGuid();
        var stream = $"journal/{id:N}";
        var grain = fixture.Cluster.GrainFactory.GetGrain<IJournalGrain>(id);
        Assert.Equal(3, await grain.Add("a", "b", "c"));

        Assert.Equal(3, (await Service<IEventStreamEraser>().EraseAsync(stream, new StreamErasureRequest(Guid.NewGuid(), null, null))).ErasedEvents);

        Assert.False(await grain.AddIfAt(3, "late"));
        Assert.StartsWith(nameof(StreamErased), await grain.GetLastIssue());
        await grain.Deactivate();
        await Task.Delay(200);
        Assert.Equal(0, await grain.GetVersion());
        Assert.False(await grain.AddIfAt(0, "again"));
        Assert.Equal(0L, await TestDatabase.ScalarAsync<long>("SELECT count(*) FROM eventstore.events WHERE stream_id = $1", stream));
        Assert.True(await Service<IEventStreamEraser>().IsErasedAsync(stream));
    }
}
