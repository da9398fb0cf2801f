using System.Text.Json;
using Microsoft.Playwright;
using Xunit;

[assembly: AssemblyFixture(typeof(Nexus.Dashboard.Tests.Support.DashboardFixture))]

// One browser and one host on 2 cores: the classes run one after another (each test has its own browser context).
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace Nexus.Dashboard.Tests.Support;

/// <summary>The host and a headless Chromium (Debian's, driven by the Playwright driver bundled in the NuGet package), started
/// once for the assembly.</summary>
public sealed class DashboardFixture : IAsyncLifetime
{
    /// <summary>Debian's Chromium (scripts/deps.sh installs it); Playwright's own browser download is never used.</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    internal TestHost Host { get; private set; } = null!;

    internal IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser has not started.");

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing: the dashboard tests drive Debian's Chromium (scripts/deps.sh installs it).");
        }

        Host = await TestHost.StartAsync(TestContext.Current.CancellationToken);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        Assertions.SetDefaultExpectTimeout(30_000);
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }
    }

    /// <summary>A fresh browser context (its own local storage) on the host; <paramref name="storedKey"/> is put in local
    /// storage first, as if the dashboard had been given it before (null: no key stored).</summary>
    internal async Task<BrowserSession> OpenAsync(string? storedKey = TestHost.ApiKey, TestHost? host = null)
    {
        host ??= Host;
        var options = new BrowserNewContextOptions
        {
            BaseURL = host.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1400, Height = 1000 },
        };
        if (storedKey is not null)
        {
            options.StorageState = JsonSerializer.Serialize(new
            {
                cookies = Array.Empty<object>(),
                origins = new[]
                {
                    new { origin = host.BaseAddress.GetLeftPart(UriPartial.Authority), localStorage = new[] { new { name = "nexus.apiKey", value = storedKey } } },
                },
            });
        }

        var context = await Browser.NewContextAsync(options);
        context.SetDefaultTimeout(30_000);
        return new BrowserSession(context, await context.NewPageAsync());
    }
}
