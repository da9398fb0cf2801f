using Nexus.Cli.Commands;
using Shouldly;
using Xunit;

namespace Nexus.Cli.Tests.Commands;

public sealed class CliOptionsTests
{
    [Theory]
    [InlineData("p-123")]
    [InlineData("my.project_2")]
    public void CheckId_ValidId_IsAccepted(string id) => CliOptions.CheckId(id).ShouldBeNull();

    [Theory]
    [InlineData("", "empty")]
    [InlineData("a/b", "'/'")]
    [InlineData("@x", "reserved")]
    [InlineData("a?b", "'?'")]
    public void CheckId_InvalidId_SaysWhyWithoutTheParameterName(string id, string why)
    {
        var problem = CliOptions.CheckId(id);

        problem.ShouldNotBeNull();
        problem.ShouldStartWith("invalid project id");
        problem.ShouldContain(why);
        problem.ShouldNotContain("Parameter");
    }
}
