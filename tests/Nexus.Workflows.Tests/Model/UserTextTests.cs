using Nexus.Workflows.Model;
using Shouldly;
using Xunit;

namespace Nexus.Workflows.Tests.Model;

public sealed class UserTextTests
{
    [Theory]
    [InlineData("", 0)]
    [InlineData("abc", 3)]
    [InlineData("\U0001F600\U0001F600", 2)] // two emoji: four UTF-16 units
    [InlineData("e\u0301", 1)] // e and a combining acute accent
    [InlineData("\U0001F1EB\U0001F1F7", 1)] // a flag: two regional indicators
    [InlineData("\U0001F468\u200D\U0001F469\u200D\U0001F467", 1)] // a family: three emoji joined
    public void Characters_CountsWhatAPersonSeesAsOneCharacter(string text, int expected) =>
        UserText.Characters(text).ShouldBe(expected);

    [Fact]
    public void Validate_TwentyThousandEmojiDescription_FitsTheLimit()
    {
        var emoji = string.Concat(Enumerable.Repeat("\U0001F600", ProjectRequestValidator.MaxDescriptionLength));

        Should.NotThrow(() => ProjectRequestValidator.Validate(new ProjectRequest { Description = emoji }));
        Should.Throw<ArgumentException>(() => ProjectRequestValidator.Validate(new ProjectRequest { Description = emoji + "x" }))
            .Message.ShouldStartWith("description: must be at most 20,000 characters (it has 20,001).");
    }

    [Theory]
    [InlineData("plain text")]
    [InlineData("line 1\nline 2")]
    [InlineData("line 1\r\nline 2\r\n")]
    [InlineData("\tindented\t")]
    [InlineData("Unicode: — é 中文 😀 עברית\u200F and marks \u200E\u061C")]
    [InlineData("")]
    [InlineData(null)]
    public void Validate_NewlinesTabsAndPrintableText_Pass(string? text)
    {
        UserText.FindRefused(text).ShouldBeNull();
        UserText.Describe(text, "description").ShouldBeNull();
        Should.NotThrow(() => UserText.Validate(text, "description"));
    }

    [Theory]
    [InlineData("\u001b[31mred", 1, "a control character (U+001B)")]
    [InlineData("NUL\0here", 4, "a control character (U+0000)")]
    [InlineData("bell\a", 5, "a control character (U+0007)")]
    [InlineData("del\u007f", 4, "a control character (U+007F)")]
    [InlineData("c1 \u009b31m", 4, "a control character (U+009B)")]
    [InlineData("ok\r\nthen\rover", 9, "a carriage return (U+000D) without a newline")]
    [InlineData("trailing\r", 9, "a carriage return (U+000D) without a newline")]
    [InlineData("file\u202Etxt.exe", 5, "a bidirectional-text control character (U+202E)")]
    [InlineData("\u202Aembedded", 1, "a bidirectional-text control character (U+202A)")]
    [InlineData("iso\u2066late\u2069", 4, "a bidirectional-text control character (U+2066)")]
    [InlineData("x\u2069", 2, "a bidirectional-text control character (U+2069)")]
    [InlineData("vertical\vtab", 9, "a control character (U+000B)")]
    public void Validate_ControlOrBidiCharacter_NamesFieldCharacterAndPosition(string text, int position, string what)
    {
        var error = Should.Throw<ArgumentException>(() => UserText.Validate(text, "description"));

        error.ParamName.ShouldBe("description");
        UserText.FindRefused(text).ShouldBe(position - 1);
        var only = what.StartsWith("a carriage", StringComparison.Ordinal) ? "only newlines (\\n or \\r\\n) and tabs are allowed." : "only newlines and tabs are allowed.";
        UserText.Describe(text, "description").ShouldBe($"description: contains {what} at position {position}; {only}");
    }

    [Theory]
    [InlineData("description")]
    [InlineData("requirements")]
    [InlineData("technology")]
    [InlineData("constraints")]
    [InlineData("testCommand")]
    [InlineData("model")]
    public void ProjectRequestValidator_ControlCharacterInAnyTextField_NamesTheField(string field)
    {
        const string Bad = "ab\u001bc";
        var request = new ProjectRequest { Description = "fine" };
        request = field switch
        {
            "description" => request with { Description = Bad },
            "requirements" => request with { Requirements = Bad },
            "technology" => request with { Technology = Bad },
            "constraints" => request with { Constraints = Bad },
            "testCommand" => request with { TestCommand = Bad },
            _ => request with { Model = Bad },
        };

        var error = Should.Throw<ArgumentException>(() => ProjectRequestValidator.Validate(request));

        error.Message.ShouldStartWith($"{field}: contains a control character (U+001B) at position 3; only newlines and tabs are allowed.");
    }
}
