using Microsoft.Playwright;
using Orleans.Conversations.Gateway.Tests.Memory;
using Orleans.Conversations.Gateway.Tests.Search;
using static Microsoft.Playwright.Assertions;

namespace Orleans.Conversations.Gateway.Tests.Browser;

/// <summary>
/// The page's search box: hits with their title, marked snippet and date, opened by keyboard at their point of the
/// conversation's timeline; usable at a phone's width. Each test signs in as a user of its own.
/// </summary>
[Collection(ServiceCollection.Name)]
public sealed class SearchPageTests(ServiceFixture service, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task a_hit_shows_title_marked_snippet_and_date_and_opens_its_conversation_at_that_point_by_keyboard()
    {
        var key = await service.NewKeyAsync("search-page", $"ada-{Guid.NewGuid():N}");
        using var owner = service.Secured.ClientWith(key);
        var trip = Guid.NewGuid();
        await owner.SayAsync(trip, "Planning a trip to Brazil");
        var (_, replyVersion) = await owner.SayAsync(trip, "my aunt in São Paulo will host us <b>for a week</b>");
        var version = replyVersion - 1;
        await owner.SayAsync(trip, "we fly back in June");
        await owner.SayAsync(Guid.NewGuid(), "the best pão de queijo is in Sao Paulo, she says");
        await owner.WaitForHitsAsync("\"pao de queijo\"");

        var page = await browser.SignedInPageAsync(service.Secured.Address, key);
        var box = page.GetByRole(AriaRole.Searchbox, new() { Name = "Search your conversations", Exact = true });
        await box.FillAsync("sao paulo aunt");
        await box.PressAsync("Enter");

        var hit = page.Locator("#search-results a.hit").First;
        await Expect(hit).ToContainTextAsync("Planning a trip to Brazil");
        await Expect(hit.Locator("mark").First).ToHaveTextAsync("aunt");
        await Expect(hit.Locator(".snippet")).ToContainTextAsync("<b>for a week</b>");
        await Expect(hit.Locator(".snippet b")).ToHaveCountAsync(0);
        await Expect(hit.Locator("time")).Not.ToBeEmptyAsync();
        await Expect(page.Locator("#search-status")).ToContainTextAsync("found");

        await box.FillAsync("Sao Paulo");
        await box.PressAsync("Enter");
        var said = page.Locator("#search-results a.hit", new() { HasText = "You: " });
        await Expect(said).ToHaveCountAsync(2);
        await Expect(said.Locator("mark", new() { HasText = "São" })).ToHaveCountAsync(1);
        await Expect(said.Locator("mark", new() { HasText = "Sao" })).ToHaveCountAsync(1);
        await Expect(said.Filter(new() { HasText = "aunt" }).Locator(".snippet")).ToContainTextAsync("São Paulo will host us");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "search.png") });

        var first = said.Filter(new() { HasText = "aunt" });
        await first.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#past")).ToContainTextAsync($"Viewing the past (event {version})");
        await Expect(page.Locator($"#timeline button[data-version='{version}']")).ToBeFocusedAsync();
        await Expect(page.Locator("#turns")).ToContainTextAsync("my aunt in São Paulo");
        await Expect(page.Locator("#turns")).Not.ToContainTextAsync("we fly back in June");

        await box.FocusAsync();
        await box.PressAsync("Escape");
        await Expect(page.Locator("#search-panel")).ToBeHiddenAsync();
    }

    [Fact]
    public async Task search_works_at_a_phone_width_and_says_when_nothing_is_found()
    {
        var key = await service.NewKeyAsync("search-page", $"bea-{Guid.NewGuid():N}");
        using var owner = service.Secured.ClientWith(key);
        await owner.SayAsync(Guid.NewGuid(), "remember that the marmalade jar is in the pantry");
        await owner.WaitForHitsAsync("marmalade");

        var page = await browser.SignedInPageAsync(service.Secured.Address, key, width: 390, height: 844);
        var box = page.GetByRole(AriaRole.Searchbox, new() { Name = "Search your conversations", Exact = true });
        await box.FillAsync("nothing-like-this-anywhere");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search", Exact = true }).ClickAsync();
        await Expect(page.Locator("#search-status")).ToContainTextAsync("Nothing found");

        await box.FillAsync("marmalade");
        await box.PressAsync("Enter");
        var hit = page.Locator("#search-results a.hit").First;
        await Expect(hit).ToBeInViewportAsync();
        var bounds = await hit.BoundingBoxAsync();
        Assert.True(bounds!.X + bounds.Width <= 390, $"the hit overflows: {bounds.X + bounds.Width}");
        Assert.True(await page.EvaluateAsync<int>("document.documentElement.scrollWidth") <= 390);
    }
}
