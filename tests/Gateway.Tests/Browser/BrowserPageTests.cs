using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Orleans.Conversations.Gateway.Tests.Browser;

/// <summary>The chat page at <c>/</c>, driven end to end in Chromium against the real gateway and cluster.</summary>
[Collection(ServiceCollection.Name)]
public sealed class BrowserPageTests(ServiceFixture service, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task a_message_gets_a_streamed_reply_and_the_context_panel_remembers_the_name()
    {
        var page = await browser.NewPageAsync(service.Http.BaseAddress!);
        await page.GotoAsync("/");
        await BrowserFixture.NewConversationAsync(page);

        var reply = page.WaitForResponseAsync(r => r.Request.Method == "POST" && r.Url.EndsWith("/messages", StringComparison.Ordinal));
        await SendAsync(page, "my name is Ada");

        Assert.StartsWith("text/event-stream", (await reply).Headers["content-type"]);
        await Expect(page.Locator("#turns .turn.assistant p")).ToContainTextAsync("Ada");
        await Expect(page.Locator("#context")).ToContainTextAsync("Ada");
        await Expect(page.Locator("#timeline")).ToContainTextAsync("UserMessageReceived");
        await Expect(page.Locator("#session-list")).ToContainTextAsync("1 messages");
        await page.ScreenshotAsync(new() { Path = Screenshot("conversation.png") });
    }

    [Fact]
    public async Task choosing_an_early_event_shows_the_session_as_it_stood_then_and_back_to_now_returns()
    {
        var page = await browser.NewPageAsync(service.Http.BaseAddress!);
        await page.GotoAsync("/");
        await BrowserFixture.NewConversationAsync(page);
        await SendAsync(page, "my name is Ada");
        await SendAsync(page, "I live in Paris");
        await Expect(page.Locator("#context")).ToContainTextAsync("Paris");

        var remembered = page.Locator("#timeline button", new() { HasText = "Remembered Name" });
        var version = await remembered.GetAttributeAsync("data-version");
        await remembered.ClickAsync();

        await Expect(page.Locator("#past")).ToContainTextAsync($"Viewing the past (event {version})");
        await Expect(page.Locator("#context")).ToContainTextAsync("Ada");
        await Expect(page.Locator("#context")).Not.ToContainTextAsync("Paris");
        await Expect(page.Locator("#turns")).Not.ToContainTextAsync("Paris");
        await Expect(page.Locator("#message")).ToBeDisabledAsync();
        await page.ScreenshotAsync(new() { Path = Screenshot("time-travel.png") });

        await page.GetByRole(AriaRole.Button, new() { Name = "Back to now", Exact = true }).ClickAsync();
        await Expect(page.Locator("#past")).ToBeHiddenAsync();
        await Expect(page.Locator("#context")).ToContainTextAsync("Paris");
        await Expect(page.Locator("#turns")).ToContainTextAsync("I live in Paris");
        await Expect(page.Locator("#message")).ToBeEnabledAsync();
    }

    [Fact]
    public async Task a_session_is_renamed_and_deleted_through_the_page()
    {
        var page = await browser.NewPageAsync(service.Http.BaseAddress!);
        await page.GotoAsync("/");
        var created = page.WaitForResponseAsync(r => r.Request.Method == "POST" && r.Url.EndsWith("/api/sessions", StringComparison.Ordinal));
        await BrowserFixture.NewConversationAsync(page);
        var sessionId = JsonNode.Parse(await (await created).TextAsync())!["sessionId"]!.GetValue<string>();
        var item = page.Locator($"#session-list li[data-session-id='{sessionId}']");

        await item.GetByRole(AriaRole.Button, new() { Name = "Rename" }).ClickAsync();
        var title = $"Trip planning {Guid.NewGuid():N}"[..24];
        await item.GetByLabel("New title", new() { Exact = true }).FillAsync(title);
        await item.GetByLabel("New title", new() { Exact = true }).PressAsync("Enter");
        await Expect(item.Locator(".title")).ToHaveTextAsync(title);
        await Expect(page.Locator("#chat-title")).ToHaveTextAsync(title);
        var state = await service.Http.GetFromJsonAsync<JsonObject>($"/api/sessions/{sessionId}");
        Assert.Equal(title, state!["title"]!.GetValue<string>());

        await item.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await Expect(item).ToContainTextAsync("and its whole history?");
        await item.GetByRole(AriaRole.Button, new() { Name = "Delete", Exact = true }).ClickAsync();
        await Expect(item).ToHaveCountAsync(0);
        await Expect(page.Locator("#chat-title")).ToHaveTextAsync("New conversation");
        using var gone = await service.Http.GetAsync($"/api/sessions/{sessionId}");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task sign_in_refuses_a_bad_key_with_a_message_then_loads_the_sessions_with_a_good_one()
    {
        var key = await service.NewKeyAsync("page", $"user-{Guid.NewGuid():N}");
        using var owner = service.Secured.ClientWith(key);
        using var create = await owner.PostAsJsonAsync("/api/sessions", new { });
        var sessionId = JsonNode.Parse(await create.Content.ReadAsStringAsync())!["sessionId"]!.GetValue<string>();
        using (await owner.PatchAsJsonAsync($"/api/sessions/{sessionId}", new { title = "Signed-in session" }))
        {
        }

        // The list is a projection of the event feed, a moment behind: wait until the API lists the session.
        for (var tries = 0; !(await owner.GetStringAsync("/api/sessions")).Contains("Signed-in session", StringComparison.Ordinal); tries++)
        {
            Assert.True(tries < 100, "The session list never showed the renamed session.");
            await Task.Delay(100);
        }

        var page = await browser.NewPageAsync(service.Secured.Address);
        await page.GotoAsync("/");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in", Exact = true })).ToBeVisibleAsync();
        await Expect(page.Locator("#app")).ToBeHiddenAsync();

        await page.GetByLabel("API key", new() { Exact = true }).FillAsync("not-a-real-key");
        await page.GetByLabel("API key", new() { Exact = true }).PressAsync("Enter");
        await Expect(page.Locator("#sign-in-error")).ToContainTextAsync("The key was refused");
        await page.ScreenshotAsync(new() { Path = Screenshot("sign-in.png") });

        await page.GetByLabel("API key", new() { Exact = true }).FillAsync(key);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await Expect(page.Locator("#session-list")).ToContainTextAsync("Signed-in session");
        Assert.Equal(key, await page.EvaluateAsync<string>("localStorage.getItem('conversations.apiKey')"));

        await page.ReloadAsync();
        await Expect(page.Locator("#session-list")).ToContainTextAsync("Signed-in session");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in", Exact = true })).ToBeVisibleAsync();
        Assert.Null(await page.EvaluateAsync<string?>("localStorage.getItem('conversations.apiKey')"));
    }

    [Fact]
    public async Task at_phone_width_the_page_does_not_scroll_sideways()
    {
        var page = await browser.NewPageAsync(service.Http.BaseAddress!, 375, 740, ColorScheme.Dark);
        await page.GotoAsync("/");
        await BrowserFixture.NewConversationAsync(page);
        await SendAsync(page, "my name is Ada and I like very-long-words-that-would-otherwise-overflow-the-narrow-screen");
        await Expect(page.Locator("#context")).ToContainTextAsync("Ada");

        Assert.True(await page.EvaluateAsync<int>("document.documentElement.scrollWidth") <= 375);
        await page.ScreenshotAsync(new() { Path = Screenshot("phone.png"), FullPage = true });
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
