using Nexus.Cli.Output;
using Shouldly;
using Xunit;

namespace Nexus.Cli.Tests.Output;

public sealed class TerminalTextTests
{
    [Theory]
    [InlineData("plain — text é 中文", "plain — text é 中文")]
    [InlineData("a\tb\nc", "a\tb\nc")]
    [InlineData("a\r\nb", "a\nb")]
    [InlineData("\u001b[2Jcleared", "\\u001b[2Jcleared")]
    [InlineData("nul\0", "nul\\u0000")]
    [InlineData("over\rwrite", "over\\u000dwrite")]
    [InlineData("c1\u009b", "c1\\u009b")]
    [InlineData("txt\u202Eexe.doc", "txt\\u202eexe.doc")]
    [InlineData("\u2066iso\u2069", "\\u2066iso\\u2069")]
    [InlineData(null, "")]
    public void Escape_UnsafeCharacters_BecomeVisibleEscapesNewlinesAndTabsStay(string? text, string expected)
    {
        TerminalText.Escape(text).ShouldBe(expected);
    }

    [Fact]
    public void EscapeLine_Newlines_AreEscapedToo()
    {
        TerminalText.EscapeLine("a\nb\r\nc\td").ShouldBe("a\\u000ab\\u000d\\u000ac\td");
    }

    [Fact]
    public void Clip_StoredControlCharacters_AreEscapedBeforeTheCut()
    {
        Formats.Clip("evil\u001b]0;title\u0007 text", 200).ShouldBe("evil\\u001b]0;title\\u0007 text");
        Formats.Clip("\u001b\u001b\u001b\u001b", 10).ShouldNotContain('\u001b');
    }

    [Fact]
    public async Task CliJson_ControlAndBidiCharacters_AreEscaped()
    {
        using var output = new StringWriter();

        await CliJson.WriteAsync(output, new { description = "a\u001bb\u202ec\u2066d" });

        var text = output.ToString();
        text.ShouldNotContain('\u001b');
        text.ShouldNotContain('\u202e');
        text.ShouldNotContain('\u2066');
    }
}
