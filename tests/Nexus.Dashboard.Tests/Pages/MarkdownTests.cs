using System.Text.Json;
using Nexus.Dashboard.Tests.Support;
using Shouldly;
using Xunit;

namespace Nexus.Dashboard.Tests.Pages;

/// <summary>The dashboard's Markdown renderer (markdown.js), run in the browser on hostile and ordinary input.</summary>
public sealed class MarkdownTests(DashboardFixture fixture)
{
    private const string Render = """
        async (source) => {
          const { renderMarkdown } = await import('/markdown.js');
          const host = document.createElement('div');
          host.innerHTML = renderMarkdown(source, { headingOffset: 1 });
          const attributes = [...host.querySelectorAll('*')].flatMap(el => [...el.attributes].map(a => `${el.tagName.toLowerCase()}[${a.name}=${a.value}]`));
          return JSON.stringify({
            html: host.innerHTML,
            text: host.textContent,
            tags: [...host.querySelectorAll('*')].map(el => el.tagName.toLowerCase()),
            attributes,
            links: [...host.querySelectorAll('a')].map(a => a.getAttribute('href')),
          });
        }
        """;

    [Fact]
    public async Task HostileInput_StaysText_AndOnlyHttpLinksBecomeLinks()
    {
        var rendered = await RenderAsync("""
            <script>window.pwned = 1</script>
            <img src=x onerror="window.pwned = 2"> and <a href="javascript:alert(1)">raw</a>
            [click](javascript:void0) [data](data:text/html;base64,PHNjcmlwdD4=) [quote](https://example.test/"onmouseover="x)
            [docs](https://example.test/a?b=1&c=2) and <https://example.test/auto>
            ```html" onload="x
            <b>not bold</b>
            ```
            """);

        rendered.Tags.ShouldNotContain("script");
        rendered.Tags.ShouldNotContain("img");
        rendered.Attributes.ShouldAllBe(a => !a.Contains("[on", StringComparison.Ordinal), "no event handler attribute");
        rendered.Links.ShouldBe(["https://example.test/\"onmouseover=\"x", "https://example.test/a?b=1&c=2", "https://example.test/auto"]);
        rendered.Text.ShouldContain("<script>window.pwned = 1</script>");
        rendered.Text.ShouldContain("<img src=x onerror=\"window.pwned = 2\">");
        rendered.Text.ShouldContain("click data quote");
        rendered.Text.ShouldNotContain("javascript:void0");
        rendered.Text.ShouldNotContain("data:text/html");
        rendered.Text.ShouldContain("<b>not bold</b>");
        rendered.Attributes.ShouldContain("code[class=language-html]");
    }

    [Fact]
    public async Task OrdinaryMarkdown_RendersHeadingsListsCodeEmphasisAndTables()
    {
        var rendered = await RenderAsync("""
            # Plan
            Some **bold**, *italic*, _also italic_, ~~gone~~ and `inline <code>` in alpha_to_beta.

            1. first
            2. second
               - nested one
               - nested two
            3. third

            - [x] done
            - [ ] open

            > quoted

            | Name | Count |
            |------|------:|
            | a    | 1     |

            ```js
            const x = 1 < 2;
            ```
            <!-- nexus:entry step="plan/aria/001" -->
            ---
            """);

        rendered.Html.ShouldContain("<h2>Plan</h2>");
        rendered.Html.ShouldContain("<strong>bold</strong>");
        rendered.Html.ShouldContain("<em>italic</em>");
        rendered.Html.ShouldContain("<em>also italic</em>");
        rendered.Html.ShouldContain("<del>gone</del>");
        rendered.Html.ShouldContain("<code>inline &lt;code&gt;</code>");
        rendered.Html.ShouldContain("alpha_to_beta");
        rendered.Html.ShouldContain("<ol><li>first</li><li>second<ul><li>nested one</li><li>nested two</li></ul></li><li>third</li></ol>");
        rendered.Html.ShouldContain("<li>☑ done</li><li>☐ open</li>");
        rendered.Html.ShouldContain("<blockquote><p>quoted</p></blockquote>");
        rendered.Html.ShouldContain("<td class=\"align-right\">1</td>");
        rendered.Html.ShouldContain("<pre><code class=\"language-js\">const x = 1 &lt; 2;</code></pre>");
        rendered.Html.ShouldContain("<hr>");
        rendered.Text.ShouldNotContain("nexus:entry");
    }

    private async Task<Rendered> RenderAsync(string markdown)
    {
        await using var browser = await fixture.OpenAsync();
        await browser.Page.GotoAsync("/");
        var json = await browser.Page.EvaluateAsync<string>(Render, markdown);
        browser.ShouldHaveNoScriptErrors();
        return JsonSerializer.Deserialize<Rendered>(json, JsonSerializerOptions.Web)!;
    }

    private sealed record Rendered(string Html, string Text, string[] Tags, string[] Attributes, string[] Links);
}
