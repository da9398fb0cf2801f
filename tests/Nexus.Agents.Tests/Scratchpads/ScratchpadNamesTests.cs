using Nexus.Agents.Scratchpads;
using Shouldly;
using Xunit;

namespace Nexus.Agents.Tests.Scratchpads;

public sealed class ScratchpadNamesTests
{
    [Fact]
    public void BuiltIn_AreTheSixSeedPads()
    {
        ScratchpadNames.BuiltIn.ShouldBe(["aria_to_code", "code_to_alpha", "alpha_to_beta", "beta_to_aria", "shared_context", "orchestrator_feedback", "qa_report", "security_report"]);
        ScratchpadNames.BuiltIn.ShouldAllBe(name => ScratchpadNames.IsValid(name) && ScratchpadNames.IsBuiltIn(name));
    }

    [Theory]
    [InlineData("notes")]
    [InlineData("a")]
    [InlineData("my_pad_2")]
    [InlineData("a123456789012345678901234567890123456789012345678901234567890123")]
    public void Validate_UserPadNames_AreAccepted(string name)
    {
        ScratchpadNames.Validate(name).ShouldBe(name);
        ScratchpadNames.IsBuiltIn(name).ShouldBeFalse();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Notes")]
    [InlineData("ARIA_TO_CODE")]
    [InlineData("..")]
    [InlineData("../etc/passwd")]
    [InlineData("a/b")]
    [InlineData("a\\b")]
    [InlineData("notes.md")]
    [InlineData("1notes")]
    [InlineData("_notes")]
    [InlineData("my-pad")]
    [InlineData("my pad")]
    [InlineData("notes\n")]
    [InlineData("a1234567890123456789012345678901234567890123456789012345678901234")]
    public void Validate_BadNames_ThrowArgumentExceptionNamingTheParameter(string? name)
    {
        var error = Should.Throw<ArgumentException>(() => ScratchpadNames.Validate(name));

        error.ParamName.ShouldBe("name");
        error.Message.ShouldContain("not a valid scratchpad name");
    }

    [Theory]
    [InlineData("proj-1", true)]
    [InlineData("Project_ABC", true)]
    [InlineData("", false)]
    [InlineData(null, false)]
    [InlineData("..", false)]
    [InlineData("a.b", false)]
    [InlineData("a/b", false)]
    [InlineData("proj\n", false)]
    [InlineData("a1234567890123456789012345678901234567890123456789012345678901234", false)]
    public void ProjectIds_IsValid_FollowsTheRule(string? projectId, bool expected)
    {
        ProjectIds.IsValid(projectId).ShouldBe(expected);
        if (!expected)
        {
            Should.Throw<ArgumentException>(() => ProjectIds.Validate(projectId)).ParamName.ShouldBe("projectId");
        }
    }
}
