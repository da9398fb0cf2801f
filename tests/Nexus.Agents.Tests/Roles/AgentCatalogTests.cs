using Nexus.Agents.Roles;
using Nexus.Agents.Tests.Workspaces;
using Shouldly;
using Xunit;

namespace Nexus.Agents.Tests.Roles;

public sealed class AgentCatalogTests
{
    [Fact]
    public void BuiltIn_HasTheFiveAgentsInTeamOrder_WithFullProfiles()
    {
        var catalog = AgentCatalog.BuiltIn;

        catalog.Agents.Select(a => a.Id).ShouldBe(["prime", "aria", "code", "alpha", "beta"]);
        catalog.Agents.Select(a => a.Name).ShouldBe(["Prime", "Aria", "Code", "Alpha", "Beta"]);
        catalog.Agents.Select(a => a.Persona.Role).ShouldBe(["Orchestrator", "Coordinator", "Developer", "Test Creator", "Test Validator"]);
        foreach (var agent in catalog.Agents)
        {
            agent.Persona.CoreTraits.Count.ShouldBeGreaterThanOrEqualTo(3, agent.Id);
            agent.Persona.Strengths.Count.ShouldBeGreaterThanOrEqualTo(3, agent.Id);
            agent.Persona.ExpertiseDomains.ShouldNotBeEmpty(agent.Id);
            agent.Persona.CommunicationStyle.Length.ShouldBeGreaterThan(50, agent.Id);
            agent.Persona.DecisionMaking.Length.ShouldBeGreaterThan(50, agent.Id);
            agent.Persona.ReadsScratchpads.ShouldNotBeEmpty(agent.Id);
            agent.Persona.WritesScratchpads.ShouldNotBeEmpty(agent.Id);
            agent.Backend.ShouldBe("claude");
            agent.Model.ShouldBeNull();
        }
    }

    [Fact]
    public void BuiltIn_HandoffsFormTheLoop()
    {
        var catalog = AgentCatalog.BuiltIn;

        catalog[AgentIds.Aria].Persona.WritesScratchpads.ShouldContain("aria_to_code.md");
        catalog[AgentIds.Code].Persona.ReadsScratchpads.ShouldContain("aria_to_code.md");
        catalog[AgentIds.Code].Persona.WritesScratchpads.ShouldBe(["code_to_alpha.md"]);
        catalog[AgentIds.Alpha].Persona.ReadsScratchpads.ShouldContain("code_to_alpha.md");
        catalog[AgentIds.Alpha].Persona.WritesScratchpads.ShouldBe(["alpha_to_beta.md"]);
        catalog[AgentIds.Beta].Persona.ReadsScratchpads.ShouldContain("alpha_to_beta.md");
        catalog[AgentIds.Beta].Persona.WritesScratchpads.ShouldBe(["beta_to_aria.md"]);
        catalog[AgentIds.Aria].Persona.ReadsScratchpads.ShouldContain("beta_to_aria.md");
        catalog[AgentIds.Prime].Persona.WritesScratchpads.ShouldBe(["orchestrator_feedback.md"]);
    }

    [Fact]
    public void BuiltIn_LimitsMatchTheRoles()
    {
        var catalog = AgentCatalog.BuiltIn;

        catalog[AgentIds.Prime].AllowedTools.ShouldNotContain("Write");
        catalog[AgentIds.Beta].AllowedTools.ShouldNotContain("Edit");
        catalog[AgentIds.Beta].AllowedTools.ShouldContain("Bash");
        catalog[AgentIds.Code].AllowedTools.ShouldContain("Write");
        catalog[AgentIds.Code].Timeout.ShouldBe(TimeSpan.FromMinutes(20));
        catalog[AgentIds.Prime].Timeout.ShouldBe(TimeSpan.FromMinutes(5));
        catalog[AgentIds.Code].MaxTurns.ShouldBe(40);
        catalog[AgentIds.Code].PermissionMode.ShouldBe("acceptEdits");
        catalog[AgentIds.Beta].PermissionMode.ShouldBe("default");
        catalog[AgentIds.Aria].AllowedTools.ShouldBe(["Read", "Glob", "Grep", "LS", "Edit(/PLAN.md)"]);
        catalog[AgentIds.Aria].PermissionMode.ShouldBe("default");
    }

    [Fact]
    public void WithOverrides_ChangesNamedFieldsOnly_AndAddsAnAgent()
    {
        const string yaml = """
            agents:
              code:
                backend: openai
                model: gpt-4.1
                fallback_models: [gpt-4.1-mini, gpt-4.1-nano]
                timeout: 1h30m
                max_retries: 5
                allowed_tools: [Read, Edit]
                persona:
                  instructions: Prefer the standard library.
              reviewer:
                name: Rex
                backend: anthropic
                model: claude-sonnet-4-5
                max_turns: 12
                permission_mode: plan
                persona:
                  role: Code Reviewer
                  core_traits: [Meticulous]
                  reads_scratchpads: [code_to_alpha.md]
            """;

        var catalog = AgentCatalog.BuiltIn.WithOverrides(yaml, "nexus.agents.yaml");

        var code = catalog["code"];
        code.Backend.ShouldBe("openai");
        code.Model.ShouldBe("gpt-4.1");
        code.FallbackModels.ShouldBe(["gpt-4.1-mini", "gpt-4.1-nano"]);
        code.Timeout.ShouldBe(TimeSpan.FromMinutes(90));
        code.MaxRetries.ShouldBe(5);
        code.AllowedTools.ShouldBe(["Read", "Edit"]);
        code.Persona.Instructions.ShouldBe("Prefer the standard library.");
        code.Persona.Role.ShouldBe("Developer", "persona fields not named keep their built-in values");
        code.Persona.CoreTraits.ShouldBe(AgentCatalog.BuiltIn["code"].Persona.CoreTraits);
        code.MaxTurns.ShouldBe(40);

        var reviewer = catalog["reviewer"];
        reviewer.Name.ShouldBe("Rex");
        reviewer.Backend.ShouldBe("anthropic");
        reviewer.Model.ShouldBe("claude-sonnet-4-5");
        reviewer.MaxTurns.ShouldBe(12);
        reviewer.PermissionMode.ShouldBe("plan");
        reviewer.Persona.Role.ShouldBe("Code Reviewer");
        reviewer.Persona.ReadsScratchpads.ShouldBe(["code_to_alpha.md"]);
        reviewer.Email.ShouldBe("reviewer@nexus.local");

        catalog.Agents.Select(a => a.Id).ShouldBe(["prime", "aria", "code", "alpha", "beta", "reviewer"]);
        catalog["aria"].ShouldBe(AgentCatalog.BuiltIn["aria"]);
        catalog.Sources.ShouldBe([AgentCatalog.BuiltIn.Sources[0], "nexus.agents.yaml"]);
        AgentCatalog.BuiltIn["code"].Backend.ShouldBe("claude", "the built-in catalog is immutable");
    }

    [Fact]
    public void WithOverrides_NullModelResetsToBackendDefault_AndNewAgentNameDefaultsToId()
    {
        var catalog = AgentCatalog.BuiltIn
            .WithOverrides("agents:\n  prime:\n    model: gpt-4.1\n", "a.yaml")
            .WithOverrides("agents:\n  prime:\n    model: null\n  helper:\n    persona: {role: Helper}\n", "b.yaml");

        catalog["prime"].Model.ShouldBeNull();
        catalog["helper"].Name.ShouldBe("Helper");
        catalog["helper"].Backend.ShouldBe("claude");
    }

    [Fact]
    public void Load_FromUserFile_MergesIt()
    {
        using var folder = new TemporaryFolder();
        folder.WriteFile(AgentCatalog.DefaultConfigFileName, "agents:\n  beta:\n    model: claude-haiku-4-5\n    timeout: '00:07:30'\n");

        var loaded = AgentCatalog.Load(folder.Combine(AgentCatalog.DefaultConfigFileName));
        var discovered = AgentCatalog.Discover(folder.Path);

        loaded["beta"].Model.ShouldBe("claude-haiku-4-5");
        loaded["beta"].Timeout.ShouldBe(TimeSpan.FromSeconds(450));
        discovered["beta"].Model.ShouldBe("claude-haiku-4-5");
        AgentCatalog.Discover(folder.CreateFolder("empty")).ShouldBeSameAs(AgentCatalog.BuiltIn);
        AgentCatalog.Load().ShouldBeSameAs(AgentCatalog.BuiltIn);
    }

    [Fact]
    public void Load_MissingFile_NamesTheFile()
    {
        var error = Should.Throw<AgentConfigurationException>(() => AgentCatalog.Load("/nonexistent/nexus.agents.yaml"));

        error.SourceName.ShouldBe("/nonexistent/nexus.agents.yaml");
        error.Message.ShouldContain("/nonexistent/nexus.agents.yaml");
    }

    public static TheoryData<string, string?, string?, string, int?> InvalidConfigs => new()
    {
        { "agents:\n  code:\n    max_retries: many\n", "code", "max_retries", "expected a whole number from 0 to 20, got 'many'", 3 },
        { "agents:\n  code:\n    max_retries: 99\n", "code", "max_retries", "from 0 to 20", 3 },
        { "agents:\n  code:\n    timeout: soon\n", "code", "timeout", "expected a duration such as 90s", 3 },
        { "agents:\n  code:\n    timeout: 0s\n", "code", "timeout", "expected a duration", 3 },
        { "agents:\n  code:\n    fallback_model: gpt-4.1-mini\n", "code", "fallback_model", "unknown field", 3 },
        { "agents:\n  code:\n    fallback_models: gpt-4.1-mini\n", "code", "fallback_models", "expected a list, got 'gpt-4.1-mini'", 3 },
        { "agents:\n  code:\n    permission_mode: yolo\n", "code", "permission_mode", "expected one of default, acceptEdits", 3 },
        { "agents:\n  code:\n    backend: Open AI\n", "code", "backend", "expected a backend name", 3 },
        { "agents:\n  code:\n    name: ''\n", "code", "name", "must not be empty", 3 },
        { "agents:\n  code:\n    persona:\n      mood: happy\n", "code", "persona.mood", "unknown field", 4 },
        { "agents:\n  code:\n    persona:\n      strengths: {a: b}\n", "code", "persona.strengths", "expected a list, got a mapping", 4 },
        { "agents:\n  code:\n    persona:\n      writes_scratchpads: [../../etc/passwd]\n", "code", "persona.writes_scratchpads", "plain file name", 4 },
        { "agents:\n  reviewer:\n    backend: openai\n", "reviewer", "persona.role", "a new agent needs a persona with a role", 3 },
        { "agents:\n  Reviewer:\n    persona: {role: R}\n", "Reviewer", null, "agent id must be lower case", 2 },
        { "agent:\n  code: {}\n", null, "agent", "unknown top-level key", 1 },
        { "- code\n", null, null, "must be a mapping with an 'agents' key", 1 },
        { "agents:\n  code:\n    model: [a\n", null, null, "not valid YAML", null },
        { "agents:\n  code:\n    model: a\n    model: b\n", null, null, "not valid YAML", null },
    };

    [Theory]
    [MemberData(nameof(InvalidConfigs))]
    public void WithOverrides_InvalidConfig_NamesFileAgentFieldAndLine(string yaml, string? agentId, string? field, string problem, int? line)
    {
        var error = Should.Throw<AgentConfigurationException>(() => AgentCatalog.BuiltIn.WithOverrides(yaml, "/home/me/nexus.agents.yaml"));

        error.SourceName.ShouldBe("/home/me/nexus.agents.yaml");
        error.AgentId.ShouldBe(agentId);
        error.Field.ShouldBe(field);
        error.Problem.ShouldContain(problem);
        error.Message.ShouldStartWith("Invalid agent configuration in '/home/me/nexus.agents.yaml'");
        if (agentId is not null)
        {
            error.Message.ShouldContain($"agent '{agentId}'");
        }

        if (field is not null)
        {
            error.Message.ShouldContain($"field '{field}'");
        }

        if (line is not null)
        {
            error.Line.ShouldBe(line);
            error.Message.ShouldContain($"(line {line})");
        }
    }

    [Fact]
    public void WithOverrides_EmptyFile_ChangesNothing()
    {
        var catalog = AgentCatalog.BuiltIn.WithOverrides("# nothing yet\n", "nexus.agents.yaml");

        catalog.Agents.ShouldBe(AgentCatalog.BuiltIn.Agents);
    }

    [Fact]
    public void Get_UnknownAgent_ListsKnownIds()
    {
        var error = Should.Throw<KeyNotFoundException>(() => AgentCatalog.BuiltIn.Get("zeta"));

        error.Message.ShouldBe("No agent 'zeta'. Known agents: prime, aria, code, alpha, beta.");
        AgentCatalog.BuiltIn.TryGet("zeta", out _).ShouldBeFalse();
    }

    [Fact]
    public void OriginOf_FieldsSetByFiles_AreTheLastFileAndLine_OthersBuiltIn()
    {
        var first = AgentCatalog.BuiltIn.WithOverrides("agents:\n  code:\n    backend: openai\n    model: gpt-4.1\n", "/a.yaml");
        var second = first.WithOverrides("agents:\n  code:\n    persona:\n      role: Engineer\n\n    model: gpt-4.1-mini\n", "/b.yaml");

        second.OriginOf("code", "backend").ShouldBe("/a.yaml:3");
        second.OriginOf("code", "model").ShouldBe("/b.yaml:6");
        second.OriginOf("code", "persona.role").ShouldBe("/b.yaml:4");
        second.OriginOf("code", "timeout").ShouldBe(AgentCatalog.BuiltInOrigin);
        second.OriginOf("aria", "backend").ShouldBe(AgentCatalog.BuiltInOrigin);
        first.OriginOf("code", "model").ShouldBe("/a.yaml:4");
        second.UserConfigPath.ShouldBe("/b.yaml");
        AgentCatalog.BuiltIn.UserConfigPath.ShouldBeNull();
        AgentCatalog.BuiltIn.OriginOf("code", "backend").ShouldBe(AgentCatalog.BuiltInOrigin);
    }
}
