using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Orleans.Conversations.Gateway.Tests.Streaming;
using static Microsoft.Playwright.Assertions;

namespace Orleans.Conversations.Gateway.Tests.Browser;

/// <summary>The page against a model that streams its reply word by word: the reply grows, Stop and Retry.</summary>
public sealed class StopAndRetryPageTests(SlowModelService service, BrowserFixture browser)
    : IClassFixture<SlowModelService>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task the_reply_streams_in_stop_cancels_it_and_retry_sends_the_same_message_id_again()
    {
        var page = await browser.NewPageAsync(service.Gateway.Address);
        var sent = new List<JsonNode>();
        page.Request += (_, request) =>
        {
            if (request.Method == "POST" && request.Url.EndsWith("/messages", StringComparison.Ordinal))
                sent.Add(JsonNode.Parse(request.PostData!)!);
        };
        await page.GotoAsync("/");
        await BrowserFixture.NewConversationAsync(page);
        // A word every 2 s: Stop reaches the turn while it runs, however slow the browser is on a busy machine.
        service.Model.ChunkDelay = TimeSpan.FromSeconds(2);
        await page.GetByLabel("Message", new() { Exact = true }).FillAsync("tell me something");
        await page.GetByLabel("Message", new() { Exact = true }).PressAsync("Enter");

        var streaming = page.Locator("#turns .turn.assistant.streaming p");
        await Expect(streaming).ToContainTextAsync("one");
        Assert.NotEqual(SlowModelService.Reply, await streaming.TextContentAsync());
        await page.GetByRole(AriaRole.Button, new() { Name = "Stop", Exact = true }).ClickAsync();
        service.Model.ChunkDelay = TimeSpan.FromMilliseconds(400);

        await Expect(page.Locator("#turn-error")).ToContainTextAsync("Stopped.");
        await Expect(page.Locator("#turns .turn.assistant.failed")).ToHaveCountAsync(1);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Retry", Exact = true }).ClickAsync();
        await Expect(page.Locator("#turns .turn.assistant:not(.streaming) p")).ToHaveTextAsync(SlowModelService.Reply);
        await Expect(page.Locator("#turn-error")).ToBeHiddenAsync();
        await Expect(page.Locator("#turns .turn.assistant")).ToHaveCountAsync(1);

        Assert.Equal(2, sent.Count);
        Assert.Equal(sent[0]["messageId"]!.GetValue<string>(), sent[1]["messageId"]!.GetValue<string>());
        Assert.Equal("tell me something", sent[1]["text"]!.GetValue<string>());
    }
}
