using Microsoft.Playwright;
using Shouldly;
using Xunit;

namespace Nexus.Dashboard.Tests.Support;

/// <summary>One browser context and its page; records uncaught script errors and saves screenshots as test artifacts.</summary>
internal sealed class BrowserSession : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private readonly List<string> _scriptErrors = [];

    public BrowserSession(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
        Page.PageError += (_, error) =>
        {
            lock (_scriptErrors)
            {
                _scriptErrors.Add(error);
            }
        };
    }

    public IPage Page { get; }

    /// <summary>Fails when the dashboard threw an uncaught error.</summary>
    public void ShouldHaveNoScriptErrors()
    {
        lock (_scriptErrors)
        {
            _scriptErrors.ShouldBeEmpty();
        }
    }

    /// <summary>Saves a full-page screenshot to artifacts/test-results/dashboard-NAME.png and attaches it to the test result.</summary>
    public async Task<string> ScreenshotAsync(string name)
    {
        Directory.CreateDirectory(Repository.TestResults);
        var path = Path.Combine(Repository.TestResults, $"dashboard-{name}.png");
        var png = await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        TestContext.Current.AddAttachment($"dashboard-{name}.png", png, "image/png");
        return path;
    }

    /// <summary>The API key the page keeps in local storage ("" when none).</summary>
    public Task<string> StoredKeyAsync() => Page.EvaluateAsync<string>("() => localStorage.getItem('nexus.apiKey') ?? ''");

    public async ValueTask DisposeAsync() => await _context.CloseAsync();
}
