using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Orleans.Conversations.Gateway.Tests.Browser;

/// <summary>
/// The Memory panel of the page: what a user told one conversation, listed with a link to where it was learned, and
/// corrected, deleted, added, switched off and forgotten by hand. Each test signs in as a user of its own, so that no
/// other test's conversations reach its memory.
/// </summary>
[Collection(ServiceCollection.Name)]
public sealed class MemoryPageTests(ServiceFixture service, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task what_a_session_learned_is_listed_linked_to_its_timeline_and_corrected_deleted_and_added_by_hand()
    {
        var key = await service.NewKeyAsync("memory-page", $"ada-{Guid.NewGuid():N}");
        using var owner = service.Secured.ClientWith(key);
        var page = await browser.SignedInPageAsync(service.Secured.Address, key);

        var created = page.WaitForResponseAsync(r => r.Request.Method == "POST" && r.Url.EndsWith("/api/sessions", StringComparison.Ordinal));
        await BrowserFixture.NewConversationAsync(page);
        var sessionA = JsonNode.Parse(await (await created).TextAsync())!["sessionId"]!.GetValue<string>();
        await SendAsync(page, "my name is Ada");
        await SendAsync(page, "I like tea");
        await SendAsync(page, "I live in Paris");
        var name = await MemoryItemAsync(owner, "name", "Ada");
        var tea = await MemoryItemAsync(owner, "likes", "tea");
        var paris = await MemoryItemAsync(owner, "location", "Paris");
        Assert.Equal(sessionA, name["source"]!["sessionId"]!.GetValue<string>());

        await page.GetByRole(AriaRole.Tab, new() { Name = "Memory", Exact = true }).ClickAsync();
        var list = page.Locator("#memory-list");
        var adaItem = list.Locator($"li[data-item-id='{name["id"]!.GetValue<string>()}']");
        var teaItem = list.Locator($"li[data-item-id='{tea["id"]!.GetValue<string>()}']");
        await Expect(adaItem.Locator(".memory-line")).ToHaveTextAsync("Name Ada");
        await Expect(teaItem.Locator(".memory-line")).ToHaveTextAsync("Likes tea");
        // Newest first.
        await Expect(list.Locator("li")).ToHaveCountAsync(3);
        await Expect(list.Locator("li").Nth(0)).ToHaveAttributeAsync("data-item-id", paris["id"]!.GetValue<string>());
        await Expect(list.Locator("li").Nth(1)).ToHaveAttributeAsync("data-item-id", tea["id"]!.GetValue<string>());
        var version = name["source"]!["version"]!.GetValue<int>();
        var source = adaItem.GetByRole(AriaRole.Link);
        await Expect(source).ToContainTextAsync($"event {version}");
        await Expect(source).ToHaveAttributeAsync("href", $"#session={sessionA}&version={version}");

        // From another conversation, the link opens A at the event that taught the name.
        await BrowserFixture.NewConversationAsync(page);
        await source.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Tab, new() { Name = "This conversation", Exact = true })).ToHaveAttributeAsync("aria-selected", "true");
        await Expect(page.Locator("#past")).ToContainTextAsync($"Viewing the past (event {version})");
        await Expect(page.Locator($"#timeline button[data-version='{version}']")).ToHaveAttributeAsync("aria-current", "true");
        await Expect(page.Locator($"#timeline button[data-version='{version}']")).ToBeFocusedAsync();
        await Expect(page.Locator("#turns")).ToContainTextAsync("my name is Ada");
        await Expect(page.Locator("#turns")).Not.ToContainTextAsync("I like tea");
        await Expect(page.Locator("#context")).Not.ToContainTextAsync("Paris");
        await Expect(page.Locator($"#session-list li[data-session-id='{sessionA}'] .open")).ToHaveAttributeAsync("aria-current", "true");

        await page.GetByRole(AriaRole.Tab, new() { Name = "Memory", Exact = true }).ClickAsync();
        await teaItem.GetByRole(AriaRole.Button, new() { Name = "Edit Likes: tea", Exact = true }).ClickAsync();
        var edit = page.GetByLabel("New value for Likes", new() { Exact = true });
        await Expect(edit).ToBeFocusedAsync();
        await edit.FillAsync("green tea");
        await edit.PressAsync("Enter");
        await Expect(teaItem.Locator(".memory-line")).ToHaveTextAsync("Likes green tea");
        Assert.Equal("green tea", (await MemoryAsync(owner))["items"]!.AsArray().Single(i => i!["id"]!.GetValue<string>() == tea["id"]!.GetValue<string>())!["value"]!.GetValue<string>());

        var parisItem = list.Locator($"li[data-item-id='{paris["id"]!.GetValue<string>()}']");
        await parisItem.GetByRole(AriaRole.Button, new() { Name = "Delete Location: Paris", Exact = true }).ClickAsync();
        await Expect(parisItem).ToHaveCountAsync(0);
        Assert.DoesNotContain((await MemoryAsync(owner))["items"]!.AsArray(), i => i!["id"]!.GetValue<string>() == paris["id"]!.GetValue<string>());

        await page.GetByLabel("Kind", new() { Exact = true }).SelectOptionAsync("location");
        await page.GetByLabel("Value", new() { Exact = true }).FillAsync("Lisbon");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add", Exact = true }).ClickAsync();
        var lisbon = list.Locator("li", new() { HasText = "Lisbon" });
        await Expect(lisbon).ToContainTextAsync("Added by you");
        await Expect(lisbon).ToContainTextAsync("Location");
        await Expect(page.GetByLabel("Value", new() { Exact = true })).ToBeFocusedAsync();
        var added = await MemoryItemAsync(owner, "location", "Lisbon");
        Assert.Null(added["source"]);

        await page.GetByLabel("Kind", new() { Exact = true }).SelectOptionAsync("favorite.");
        await page.GetByLabel("Favourite what", new() { Exact = true }).FillAsync("colour");
        await page.GetByLabel("Value", new() { Exact = true }).FillAsync("teal");
        await page.GetByLabel("Value", new() { Exact = true }).PressAsync("Enter");
        await Expect(list.Locator("li", new() { HasText = "teal" })).ToContainTextAsync("Favourite colour");
        await Expect(adaItem.GetByRole(AriaRole.Link)).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Screenshot("memory.png") });

        // A failure is shown with the API's own words, not swallowed: the item is gone by the time it is saved.
        using (await owner.DeleteAsync($"/api/memory/{added["id"]!.GetValue<string>()}"))
        {
        }

        await lisbon.GetByRole(AriaRole.Button, new() { Name = "Edit Location: Lisbon", Exact = true }).ClickAsync();
        await page.GetByLabel("New value for Location", new() { Exact = true }).FillAsync("Porto");
        await page.GetByLabel("New value for Location", new() { Exact = true }).PressAsync("Enter");
        await Expect(page.Locator("#memory-error")).ToBeVisibleAsync();
        await Expect(page.Locator("#memory-error")).Not.ToBeEmptyAsync();
        await page.GetByLabel("New value for Location", new() { Exact = true }).PressAsync("Escape");
        await Expect(lisbon).ToHaveCountAsync(0);
        await Expect(list).ToContainTextAsync("green tea");
    }

    [Fact]
    public async Task memory_is_switched_off_and_on_forgotten_and_a_temporary_chat_is_marked()
    {
        var key = await service.NewKeyAsync("memory-page", $"bea-{Guid.NewGuid():N}");
        using var owner = service.Secured.ClientWith(key);
        var page = await browser.SignedInPageAsync(service.Secured.Address, key);
        await BrowserFixture.NewConversationAsync(page);
        await page.GetByRole(AriaRole.Tab, new() { Name = "Memory", Exact = true }).ClickAsync();
        await Expect(page.Locator("#memory-empty")).ToBeVisibleAsync();

        // With the panel open, what a turn teaches appears on its own.
        await SendAsync(page, "I live in Paris");
        await Expect(page.Locator("#memory-list")).ToContainTextAsync("Paris");

        var memorySwitch = page.GetByRole(AriaRole.Switch, new() { Name = "Memory on", Exact = true });
        await Expect(memorySwitch).ToBeCheckedAsync();
        await memorySwitch.ClickAsync();
        await Expect(page.Locator("#memory-off")).ToBeVisibleAsync();
        await Expect(memorySwitch).Not.ToBeCheckedAsync();
        Assert.False((await MemoryAsync(owner))["enabled"]!.GetValue<bool>());
        await Expect(page.Locator("#memory-list")).ToContainTextAsync("Paris");
        await memorySwitch.PressAsync("Space");
        await Expect(page.Locator("#memory-off")).ToBeHiddenAsync();
        await Expect(memorySwitch).ToBeCheckedAsync();
        Assert.True((await MemoryAsync(owner))["enabled"]!.GetValue<bool>());

        var created = page.WaitForResponseAsync(r => r.Request.Method == "POST" && r.Url.EndsWith("/api/sessions", StringComparison.Ordinal));
        await page.GetByRole(AriaRole.Button, new() { Name = "New temporary chat", Exact = true }).ClickAsync();
        var response = await created;
        Assert.Equal("off", JsonNode.Parse(response.Request.PostData!)!["memory"]!.GetValue<string>());
        var temporary = JsonNode.Parse(await response.TextAsync())!["sessionId"]!.GetValue<string>();
        await Expect(page.Locator("#temporary")).ToBeVisibleAsync();
        await Expect(page.Locator("#temporary")).ToContainTextAsync("Temporary");
        var session = await owner.GetFromJsonAsync<JsonObject>($"/api/sessions/{temporary}");
        Assert.Equal("off", session!["memory"]!.GetValue<string>());
        await SendAsync(page, "my name is Bea");
        await page.ScreenshotAsync(new() { Path = Screenshot("temporary-chat.png") });

        await page.GetByRole(AriaRole.Button, new() { Name = "New conversation", Exact = true }).ClickAsync();
        await Expect(page.Locator("#temporary")).ToBeHiddenAsync();
        // The new conversation is open once the composer has the focus; a confirmation opened before would lose it.
        await Expect(page.Locator("#message")).ToBeFocusedAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Forget everything", Exact = true }).ClickAsync();
        var confirm = page.GetByRole(AriaRole.Group, new() { Name = "Forget everything" });
        await Expect(confirm).ToContainTextAsync("cannot be undone");
        await Expect(confirm.GetByRole(AriaRole.Button, new() { Name = "Cancel", Exact = true })).ToBeFocusedAsync();
        await confirm.GetByRole(AriaRole.Button, new() { Name = "Forget everything", Exact = true }).ClickAsync();
        await Expect(page.Locator("#memory-list li")).ToHaveCountAsync(0);
        await Expect(page.Locator("#memory-empty")).ToBeVisibleAsync();
        Assert.Empty((await MemoryAsync(owner))["items"]!.AsArray());
    }

    [Fact]
    public async Task at_phone_width_the_memory_panel_does_not_scroll_sideways()
    {
        var key = await service.NewKeyAsync("memory-page", $"cy-{Guid.NewGuid():N}");
        using var owner = service.Secured.ClientWith(key);
        foreach (var (k, v) in (List<(string, string)>)[("name", "Cy"), ("likes", "very-long-words-that-would-otherwise-overflow-the-narrow-screen"), ("favorite.food", "feijoada")])
            (await owner.PostAsJsonAsync("/api/memory", new { key = k, value = v })).EnsureSuccessStatusCode();

        var page = await browser.SignedInPageAsync(service.Secured.Address, key, 375, 740);
        await page.GetByRole(AriaRole.Tab, new() { Name = "Memory", Exact = true }).ClickAsync();
        await Expect(page.Locator("#memory-list li")).ToHaveCountAsync(3);
        await page.Locator("#side").ScrollIntoViewIfNeededAsync();

        Assert.True(await page.EvaluateAsync<int>("document.documentElement.scrollWidth") <= 375);
        await page.Locator("#side").ScreenshotAsync(new() { Path = Screenshot("memory-phone.png") });
    }

    private static async Task<JsonObject> MemoryAsync(HttpClient owner)
    {
        using var response = await owner.GetAsync("/api/memory");
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    /// <summary>Waits (the memory is fed a moment after the turn) until the memory holds <paramref name="value"/> under <paramref name="key"/>.</summary>
    private static async Task<JsonObject> MemoryItemAsync(HttpClient owner, string key, string value)
    {
        for (var tries = 0; ; tries++)
        {
            var item = (await MemoryAsync(owner))["items"]!.AsArray()
                .FirstOrDefault(i => i!["key"]!.GetValue<string>() == key && i["value"]!.GetValue<string>() == value);
            if (item is not null)
                return item.AsObject();
            Assert.True(tries < 100, $"The memory never held {key} = {value}.");
            await Task.Delay(100);
        }
    }

    /// <summary>Types <paramref name="text"/>, sends it with Enter and waits until its reply is complete.</summary>
    private static async Task SendAsync(IPage page, string text)
    {
        var replies = await page.Locator("#turns .turn.assistant").CountAsync();
        await page.GetByLabel("Message", new() { Exact = true }).FillAsync(text);
        await page.GetByLabel("Message", new() { Exact = true }).PressAsync("Enter");
        await Expect(page.Locator("#turns .turn.assistant:not(.streaming)")).ToHaveCountAsync(replies + 1);
        await Expect(page.Locator("#turn-error")).ToBeHiddenAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true })).ToBeVisibleAsync();
    }

    private static string Screenshot(string name) => Path.Combine(BrowserFixture.ScreenshotDirectory, name);
}
