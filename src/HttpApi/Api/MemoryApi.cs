using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Orleans.Conversations.Grains.Interfaces;
using Orleans.Conversations.Grains.Interfaces.Memory;
using Orleans.Conversations.HttpApi.Security;

namespace Orleans.Conversations.HttpApi.Api;

/// <summary>
/// The caller's own memory under <c>/api/memory</c>: list, add, correct, forget, forget all, switch off. Every route
/// reaches the memory of the authenticated caller (tenant and user), and no one else's: an admin included, nobody
/// reads or changes another user's memory here, and an item id of another memory is unknown.
/// </summary>
public static class MemoryApi
{
    /// <summary>Maps the routes.</summary>
    public static IEndpointRouteBuilder MapMemoryApi(this IEndpointRouteBuilder routes)
    {
        var memory = routes.MapGroup("/api/memory").WithTags("Memory").RequireRateLimiting(CallerRateLimiting.Policy);
        memory.MapGet("/", ReadMemory).WithName("ReadMemory").WithSummary("The caller's memory, newest item first");
        memory.MapPost("/", AddItem).WithName("AddMemoryItem").WithSummary("Add an item to the caller's memory")
            .Accepts<MemoryItemRequest>("application/json");
        memory.MapPatch("/", SwitchMemory).WithName("SwitchMemory").WithSummary("Switch the caller's memory on or off")
            .Accepts<MemorySwitchRequest>("application/json");
        memory.MapDelete("/", ForgetEverything).WithName("ForgetMemory").WithSummary("Forget every item of the caller's memory");
        memory.MapPatch("/{itemId}", CorrectItem).WithName("CorrectMemoryItem").WithSummary("Correct an item's value")
            .Accepts<MemoryItemRequest>("application/json");
        memory.MapDelete("/{itemId}", ForgetItem).WithName("ForgetMemoryItem").WithSummary("Forget one item");
        return routes;
    }

    private static IUserMemoryGrain MemoryOf(Caller caller, IGrainFactory grains) => grains.GetGrain<IUserMemoryGrain>(UserMemoryKey.Of(caller));

    private static async Task<Ok<MemoryResponse>> ReadMemory(ClaimsPrincipal user, IGrainFactory grains)
    {
        var caller = user.ToCaller();
        var view = await MemoryOf(caller, grains).Read(caller);
        return TypedResults.Ok(new MemoryResponse(view.Enabled, [.. view.Items.Select(ToResponse)]));
    }

    private static async Task<Created<MemoryItemResponse>> AddItem(MemoryItemRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        var caller = user.ToCaller();
        var entry = request.CheckedEntry();
        var item = await MemoryOf(caller, grains).Add(caller, entry);
        return TypedResults.Created($"/api/memory/{item.Id}", ToResponse(item));
    }

    private static async Task<Results<Ok<MemoryItemResponse>, ProblemHttpResult>> CorrectItem(
        string itemId, MemoryItemRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        var caller = user.ToCaller();
        var value = request.CheckedValue();
        return await MemoryOf(caller, grains).Correct(caller, itemId, value) is { } item
            ? TypedResults.Ok(ToResponse(item))
            : ItemNotFound(itemId);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> ForgetItem(string itemId, ClaimsPrincipal user, IGrainFactory grains)
    {
        var caller = user.ToCaller();
        return await MemoryOf(caller, grains).Forget(caller, itemId) ? TypedResults.NoContent() : ItemNotFound(itemId);
    }

    private static async Task<NoContent> ForgetEverything(ClaimsPrincipal user, IGrainFactory grains)
    {
        var caller = user.ToCaller();
        await MemoryOf(caller, grains).ForgetAll(caller);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<MemorySwitchResponse>> SwitchMemory(MemorySwitchRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        var caller = user.ToCaller();
        var enabled = request.CheckedEnabled();
        return TypedResults.Ok(new MemorySwitchResponse(await MemoryOf(caller, grains).SetEnabled(caller, enabled)));
    }

    private static ProblemHttpResult ItemNotFound(string itemId) => ApiProblems.NotFound($"Your memory has no item '{itemId}'.", "itemId");

    private static MemoryItemResponse ToResponse(MemoryItem item) => new(
        item.Id, item.Key, item.Value, item.LearnedAt.UtcDateTime,
        item.Source is { } source ? new MemorySourceResponse(source.SessionId, source.Version) : null);
}
