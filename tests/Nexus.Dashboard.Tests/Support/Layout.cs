using Microsoft.Playwright;
using Shouldly;

namespace Nexus.Dashboard.Tests.Support;

/// <summary>The three widths the dashboard must hold at, and the check that nothing overflows or is cut at each.</summary>
internal static class Layout
{
    /// <summary>A wide desktop, a small laptop or tablet, a phone.</summary>
    public static readonly int[] Widths = [1400, 1024, 390];

    // Elements whose content is wider than their box where that is not deliberate: the page itself is wider than the
    // window, or an element clips or scrolls its content sideways. Deliberate: a shortened text with its full text as a
    // title (tooltips of descriptions, timeline bars), code and JSON blocks that scroll, and what the page hides.
    private const string FindOverflow = """
        () => {
          const problems = [];
          const doc = document.documentElement;
          if (doc.scrollWidth > window.innerWidth) {
            problems.push(`the page is ${doc.scrollWidth}px wide in a ${window.innerWidth}px window`);
          }
          for (const el of document.querySelectorAll('body *')) {
            if (el.closest('dialog:not([open]), [hidden], details:not([open]) > :not(summary), pre, .diff-lines, .side-list, .gantt-track')) continue;
            const rects = el.getClientRects();
            if (rects.length === 0) continue;
            const style = getComputedStyle(el);
            if (style.visibility === 'hidden' || style.display === 'none') continue;
            const box = el.getBoundingClientRect();
            if (box.width > 0 && box.right > window.innerWidth + 1 && style.position !== 'fixed') {
              problems.push(`${describe(el)} ends at ${Math.round(box.right)}px, past the ${window.innerWidth}px window`);
            }
            const clips = ['hidden', 'clip', 'auto', 'scroll'].includes(style.overflowX);
            if (clips && el.scrollWidth > el.clientWidth + 1 && !el.hasAttribute('title')) {
              problems.push(`${describe(el)} cuts or scrolls its content (${el.scrollWidth}px in ${el.clientWidth}px)`);
            }
          }
          return problems.slice(0, 20);
          function describe(el) {
            const id = el.id ? `#${el.id}` : '';
            const cls = typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
            const text = (el.textContent || '').trim().slice(0, 40);
            return `<${el.tagName.toLowerCase()}${id}${cls}> "${text}"`;
          }
        }
        """;

    /// <summary>At each width: resizes the page, lets it lay out, checks that nothing overflows and saves a screenshot
    /// (artifacts/test-results/dashboard-NAME-WIDTH.png). <paramref name="ready"/> waits for the view at that width.</summary>
    public static async Task CheckAtEveryWidthAsync(BrowserSession browser, string name, Func<IPage, Task> ready)
    {
        var failures = new List<string>();
        foreach (var width in Widths)
        {
            await browser.Page.SetViewportSizeAsync(width, 900);
            await ready(browser.Page);
            // Two frames: the resize's layout and anything it triggered are done.
            await browser.Page.EvaluateAsync("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))");
            var problems = await browser.Page.EvaluateAsync<string[]>(FindOverflow);
            failures.AddRange(problems.Select(p => $"{width}px: {p}"));
            await browser.ScreenshotAsync($"{name}-{width}");
        }

        failures.ShouldBeEmpty($"The {name} view overflows:\n{string.Join('\n', failures)}");
        await browser.Page.SetViewportSizeAsync(1400, 1000);
    }
}
