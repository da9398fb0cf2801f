using Nexus.Agents.Roles;
using Shouldly;
using Xunit;

namespace Nexus.Agents.Tests.Roles;

/// <summary>The <c>gates:</c> section of the configuration file: read with the line of each field, merged file over file,
/// and refused with the file, field and line when wrong.</summary>
public sealed class GateConfigurationTests
{
    [Fact]
    public void Gates_Section_IsReadWithTheLineOfEachField_AndALaterFileWins()
    {
        var first = AgentCatalog.BuiltIn.WithOverrides("gates:\n  qa: false\n  code_coverage_threshold: 70\n", "a.yaml");
        var second = first.WithOverrides("agents:\n  code: { backend: openai }\ngates:\n  code_coverage_threshold: 65.5\n  complexity_threshold: 12\n", "b.yaml");

        AgentCatalog.BuiltIn.Gates.ShouldBeNull();
        first.Gates!.Qa.ShouldBe(false);
        first.Gates.Security.ShouldBeNull();
        first.Gates.Origins["qa"].ShouldBe("a.yaml:2");
        second.Gates!.Qa.ShouldBe(false);
        second.Gates.CodeCoverageThreshold.ShouldBe(65.5);
        second.Gates.ComplexityThreshold.ShouldBe(12);
        second.Gates.Origins.ShouldBe(new Dictionary<string, string> { ["qa"] = "a.yaml:2", ["code_coverage_threshold"] = "b.yaml:4", ["complexity_threshold"] = "b.yaml:5" });
        second.Get("code").Backend.ShouldBe("openai");
    }

    [Theory]
    [InlineData("gates:\n  coverage: 80\n", "field 'gates.coverage'", "unknown field; the fields are qa, security, code_coverage_threshold, complexity_threshold")]
    [InlineData("gates:\n  code_coverage_threshold: 120\n", "field 'gates.code_coverage_threshold'", "expected a percentage from 0 to 100")]
    [InlineData("gates:\n  complexity_threshold: 2.5\n", "field 'gates.complexity_threshold'", "expected a whole number of at least 1")]
    [InlineData("gates:\n  qa: maybe\n", "field 'gates.qa'", "expected true or false")]
    [InlineData("gates: [qa]\n", "field 'gates'", "expected a mapping")]
    [InlineData("gate:\n  qa: true\n", "field 'gate'", "unknown top-level key; the keys are 'agents' and 'gates'")]
    public void Gates_InvalidSection_IsRefusedWithTheFileFieldAndProblem(string yaml, string field, string problem)
    {
        var error = Should.Throw<AgentConfigurationException>(() => AgentCatalog.BuiltIn.WithOverrides(yaml, "c.yaml"));

        error.Message.ShouldContain("c.yaml");
        error.Message.ShouldContain(field);
        error.Message.ShouldContain(problem);
    }
}
