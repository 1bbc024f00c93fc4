using Microsoft.Playwright;

namespace Orleans.Conversations.Gateway.Tests.Browser;

/// <summary>
/// One headless Chromium per test class: the system's (Debian package <c>chromium</c>, which <c>scripts/test</c>
/// installs), never a browser Playwright downloads. Tests open a context and page of their own.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright _playwright = null!;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Where the tests save screenshots of the page: <c>docs/screenshots</c> of the repository.</summary>
    public static string ScreenshotDirectory
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Orleans.Conversations.sln")))
                directory = directory.Parent;
            var root = directory?.FullName ?? throw new InvalidOperationException($"No repository root above {AppContext.BaseDirectory}.");
            return Directory.CreateDirectory(Path.Combine(root, "docs", "screenshots")).FullName;
        }
    }

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"The browser tests need Chromium at {ChromiumPath}: install it with 'sudo apt-get install -y chromium' (scripts/test does, as root).");
        }

        // A first turn warms the cluster up: more than the 5 s Playwright waits for an expectation by default.
        Assertions.SetDefaultExpectTimeout(20_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = ChromiumPath, Headless = true });
    }

    /// <summary>A new browser context of <paramref name="width"/> × <paramref name="height"/> pixels, and a page in it.</summary>
    public async Task<IPage> NewPageAsync(Uri baseAddress, int width = 1280, int height = 800, ColorScheme colorScheme = ColorScheme.Light)
    {
        var context = await Browser.NewContextAsync(new()
        {
            BaseURL = baseAddress.ToString(),
            ViewportSize = new() { Width = width, Height = height },
            ColorScheme = colorScheme,
        });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    /// <summary>A new page of <paramref name="width"/> × <paramref name="height"/> pixels, signed in with the API key <paramref name="key"/>.</summary>
    public async Task<IPage> SignedInPageAsync(Uri baseAddress, string key, int width = 1280, int height = 800)
    {
        var page = await NewPageAsync(baseAddress, width, height);
        await page.GotoAsync("/");
        await page.GetByLabel("API key", new() { Exact = true }).FillAsync(key);
        await page.GetByLabel("API key", new() { Exact = true }).PressAsync("Enter");
        await Assertions.Expect(page.Locator("#app")).ToBeVisibleAsync();
        return page;
    }

    /// <summary>Starts a conversation on the page and waits until it is open.</summary>
    public static async Task NewConversationAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "New conversation", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#timeline")).ToContainTextAsync("SessionStarted");
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
            await Browser.DisposeAsync();
        _playwright?.Dispose();
    }
}
