using System.Net;
using Orleans.Conversations.Gateway.Tests.Memory;

namespace Orleans.Conversations.Gateway.Tests.Search;

/// <summary>The index rows of a deleted session or an erased user go with them, and search never returns them.</summary>
[Collection(ServiceCollection.Name)]
public sealed class SearchErasureTests(ServiceFixture service)
{
    private static Task<long> RowsOfSessionAsync(Guid sessionId) =>
        TestDatabase.ScalarAsync<long>("SELECT count(*) FROM search.messages WHERE session_id = $1", sessionId);

    private static Task<long> RowsOfOwnerAsync(string tenant, string owner) =>
        TestDatabase.ScalarAsync<long>("SELECT count(*) FROM search.messages WHERE tenant_id = $1 AND owner_id = $2", tenant, owner);

    [Fact]
    public async Task a_deleted_session_is_not_found_once_the_delete_has_answered_and_its_rows_are_gone()
    {
        using var client = service.Secured.ClientWith(await service.NewKeyAsync("search-erase", $"user-{Guid.NewGuid():N}"));
        var doomed = Guid.NewGuid();
        var kept = Guid.NewGuid();
        await client.SayAsync(doomed, "remember that the vault code is marzipan");
        await client.SayAsync(kept, "remember that marzipan is sweet");
        await client.WaitForHitsAsync("marzipan", 3);
        Assert.True(await RowsOfSessionAsync(doomed) > 0);

        using (var deleted = await client.DeleteAsync($"/api/sessions/{doomed}"))
            Assert.True(deleted.IsSuccessStatusCode, deleted.StatusCode.ToString());

        Assert.DoesNotContain(await client.HitsAsync("marzipan"), h => h!["sessionId"]!.GetValue<Guid>() == doomed);
        Assert.Equal(0, await RowsOfSessionAsync(doomed));
        Assert.Contains(await client.HitsAsync("marzipan"), h => h!["sessionId"]!.GetValue<Guid>() == kept);
        Assert.True(await RowsOfSessionAsync(kept) > 0);
    }

    [Fact]
    public async Task erasing_a_user_deletes_their_rows_and_leaves_another_users_intact()
    {
        var suffix = Guid.NewGuid().ToString("N");
        using var erased = service.Secured.ClientWith(await service.NewKeyAsync("search-erase", $"ann-{suffix}"));
        using var other = service.Secured.ClientWith(await service.NewKeyAsync("search-erase", $"ben-{suffix}"));
        foreach (var client in new[] { erased, other })
        {
            await client.SayAsync(Guid.NewGuid(), "remember that the lighthouse is painted teal");
            await client.SayAsync(Guid.NewGuid(), "the lighthouse keeper waves");
            await client.WaitForHitsAsync("lighthouse", 4);
        }

        Assert.True(await RowsOfOwnerAsync("search-erase", $"ann-{suffix}") >= 4);
        using (var response = await erased.DeleteAsync("/api/users/me"))
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        Assert.Empty(await erased.HitsAsync("lighthouse"));
        Assert.Equal(0, await RowsOfOwnerAsync("search-erase", $"ann-{suffix}"));
        Assert.True(await RowsOfOwnerAsync("search-erase", $"ben-{suffix}") >= 4);
        Assert.Equal(4, (await other.HitsAsync("lighthouse")).Count);
    }

    [Fact]
    public async Task a_row_left_behind_of_an_erased_session_is_never_returned()
    {
        var owner = $"user-{Guid.NewGuid():N}";
        using var client = service.Secured.ClientWith(await service.NewKeyAsync("search-erase", owner));
        var session = Guid.NewGuid();
        await client.SayAsync(session, "remember that the kiln is hot");
        await client.WaitForHitsAsync("kiln", 2);
        using (var deleted = await client.DeleteAsync($"/api/sessions/{session}"))
            Assert.True(deleted.IsSuccessStatusCode);

        await TestDatabase.ScalarAsync<int>(
            "INSERT INTO search.messages (session_id, version, tenant_id, owner_id, role, text, at, recallable) VALUES ($1, 99, 'search-erase', $2, 'user', 'the kiln lingers', now(), true) RETURNING version",
            session, owner);
        Assert.Empty(await client.HitsAsync("kiln"));
    }
}
