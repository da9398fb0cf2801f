using Nexus.Agents.Roles;
using Shouldly;
using Xunit;

namespace Nexus.Agents.Tests.Roles;

public sealed class SystemPromptBuilderTests
{
    [Fact]
    public void Build_Code_IncludesIdentityTeamHandoffsAndHouseRules()
    {
        var prompt = AgentCatalog.BuiltIn.BuildSystemPrompt(AgentIds.Code);

        prompt.ShouldStartWith("You are Code, the Developer of NEXUS");
        prompt.ShouldContain("- Code — Developer (you)");
        prompt.ShouldContain("- Aria — Coordinator");
        prompt.ShouldContain("Core traits:");
        prompt.ShouldContain("Communication style: Reports what changed");
        prompt.ShouldContain("Decision making: Implements the plan's steps");
        prompt.ShouldContain("- aria_to_code.md: Aria's plan and acceptance criteria, for Code");
        prompt.ShouldContain("Your final message is recorded as:\n- code_to_alpha.md");
        prompt.ShouldContain("Work only inside the project workspace");
        prompt.ShouldContain("never touch `.git`");
        prompt.ShouldContain("Never print, log, commit or repeat secrets");
    }

    [Fact]
    public void Build_IsDeterministic_AndAppendsInstructions()
    {
        var agent = AgentCatalog.BuiltIn["beta"] with
        {
            Persona = AgentCatalog.BuiltIn["beta"].Persona with { Instructions = "Use `pytest -q`." },
        };

        var first = SystemPromptBuilder.Build(agent);
        var second = SystemPromptBuilder.Build(agent);

        first.ShouldBe(second);
        first.ShouldEndWith("## Additional instructions\nUse `pytest -q`.\n");
        first.ShouldContain("- Beta — Test Validator (you): runs the tests and analyses failures");
    }

    [Fact]
    public void Build_CustomTeam_ListsEveryMember()
    {
        var catalog = AgentCatalog.BuiltIn.WithOverrides("agents:\n  reviewer:\n    name: Rex\n    persona: {role: Code Reviewer}\n", "x.yaml");

        var prompt = catalog.BuildSystemPrompt("reviewer");

        prompt.ShouldStartWith("You are Rex, the Code Reviewer of NEXUS");
        prompt.ShouldContain("- Rex — Code Reviewer (you)");
        prompt.ShouldContain("- Prime — Orchestrator");
        prompt.ShouldNotContain("## Handoffs");
    }
}
