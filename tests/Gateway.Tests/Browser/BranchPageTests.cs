using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Orleans.Conversations.Gateway.Tests.Browser;

/// <summary>
/// Branches on the page: Edit on a user message and Regenerate on a reply, each answered in a fork, moving between the
/// branches made at one point ("2 / 2"), and the link to where a fork came from. Signs in as a user of its own.
/// </summary>
[Collection(ServiceCollection.Name)]
public sealed class BranchPageTests(ServiceFixture service, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task an_edit_and_a_regeneration_open_forks_that_link_to_their_origin_and_branches_switch_with_the_keyboard()
    {
        var key = await service.NewKeyAsync("branch-page", $"ada-{Guid.NewGuid():N}");
        var page = await browser.NewPageAsync(service.Secured.Address);
        await page.GotoAsync("/");
        await page.GetByLabel("API key", new() { Exact = true }).FillAsync(key);
        await page.GetByLabel("API key", new() { Exact = true }).PressAsync("Enter");
        await Expect(page.Locator("#app")).ToBeVisibleAsync();
        await BrowserFixture.NewConversationAsync(page);
        await SendAsync(page, "my name is Ada");
        await SendAsync(page, "I live in Paris");
        var turns = page.Locator("#turns");
        var parentTitle = await page.Locator("#chat-title").TextContentAsync();

        var paris = turns.Locator(".turn.user", new() { HasText = "I live in Paris" });
        await paris.GetByRole(AriaRole.Button, new() { Name = "Edit this message", Exact = true }).ClickAsync();
        var edit = page.GetByLabel("Edited message", new() { Exact = true });
        await Expect(edit).ToBeFocusedAsync();
        await edit.FillAsync("I live in Lisbon");
        await edit.PressAsync("Enter");
        await Expect(page.Locator("#fork-origin")).ToBeVisibleAsync();
        await Expect(page.Locator("#fork-origin")).ToContainTextAsync($"Forked from {parentTitle} at event 4");
        await Expect(turns).ToContainTextAsync("Lisbon");
        await Expect(turns).Not.ToContainTextAsync("Paris");
        var edited = turns.Locator(".turn.user", new() { HasText = "I live in Lisbon" });
        await Expect(edited.Locator(".branch")).ToContainTextAsync("2 / 2");
        await Expect(page.Locator("#timeline")).ToContainTextAsync("SessionForked");
        await page.ScreenshotAsync(new() { Path = Screenshot("branches.png") });

        var previous = edited.GetByRole(AriaRole.Button, new() { Name = "Previous branch", Exact = true });
        await previous.FocusAsync();
        await previous.PressAsync("Enter");
        await Expect(page.Locator("#fork-origin")).ToBeHiddenAsync();
        await Expect(turns).ToContainTextAsync("I live in Paris");
        await Expect(paris.Locator(".branch")).ToContainTextAsync("1 / 2");

        var lastReply = turns.Locator(".turn.assistant").Last;
        await lastReply.GetByRole(AriaRole.Button, new() { Name = "Regenerate this reply", Exact = true }).ClickAsync();
        await Expect(page.Locator("#fork-origin")).ToContainTextAsync("at event 6");
        await Expect(turns.Locator(".turn.assistant:not(.streaming)")).ToHaveCountAsync(2);
        await Expect(turns.Locator(".turn.assistant").Last.Locator(".branch")).ToContainTextAsync("2 / 2");
        await Expect(turns).ToContainTextAsync("I live in Paris");

        await page.Locator("#fork-origin-link").ClickAsync();
        await Expect(page.Locator("#past")).ToContainTextAsync("Viewing the past (event 6)");
        await Expect(page.Locator("#fork-origin")).ToBeHiddenAsync();

        await page.SetViewportSizeAsync(375, 740);
        await page.GetByRole(AriaRole.Button, new() { Name = "Back to now", Exact = true }).ClickAsync();
        await Expect(turns.Locator(".turn.assistant").Last.Locator(".branch")).ToContainTextAsync("1 / 2");
        await page.Locator("#chat").ScreenshotAsync(new() { Path = Screenshot("branches-phone.png") });
    }

    /// <summary>Types <paramref name="text"/>, sends it with Enter and waits until its reply is complete.</summary>
    private static async Task SendAsync(IPage page, string text)
    {
        var replies = await page.Locator("#turns .turn.assistant").CountAsync();
        await page.GetByLabel("Message", new() { Exact = true }).FillAsync(text);
        await page.GetByLabel("Message", new() { Exact = true }).PressAsync("Enter");
        await Expect(page.Locator("#turns .turn.assistant:not(.streaming)")).ToHaveCountAsync(replies + 1);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true })).ToBeVisibleAsync();
    }

    private static string Screenshot(string name) => Path.Combine(BrowserFixture.ScreenshotDirectory, name);
}
