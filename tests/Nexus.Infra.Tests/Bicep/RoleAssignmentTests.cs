using System.Text.RegularExpressions;
using Nexus.Infra.Tests.Support;
using Shouldly;
using Xunit;

namespace Nexus.Infra.Tests.Bicep;

/// <summary>The managed identity's roles: exactly the six it needs, each on its own resource.</summary>
public sealed partial class RoleAssignmentTests
{
    /// <summary>Built-in role definition id → the resource type it must be scoped to.</summary>
    private static readonly Dictionary<string, string> ExpectedRoles = new(StringComparer.OrdinalIgnoreCase)
    {
        ["b7e6dc6d-f1e8-4753-8033-0f276bb0955b"] = "Microsoft.Storage/storageAccounts", // Storage Blob Data Owner
        ["974c5e8b-45b9-4653-ba55-5f855dd0fb88"] = "Microsoft.Storage/storageAccounts", // Storage Queue Data Contributor
        ["0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3"] = "Microsoft.Storage/storageAccounts", // Storage Table Data Contributor
        ["7f951dda-4ed3-4680-a7ca-43fe172d538d"] = "Microsoft.ContainerRegistry/registries", // AcrPull
        ["5e0bd9bd-7b93-4f28-af87-19fc36ad61bd"] = "Microsoft.CognitiveServices/accounts", // Cognitive Services OpenAI User
        ["4633458b-17de-408a-b874-0445c86b69e6"] = "Microsoft.KeyVault/vaults", // Key Vault Secrets User
    };

    [Fact]
    public async Task Identity_HoldsExactlyTheSixRoles_EachScopedToItsResource()
    {
        var assignments = (await CompiledTemplate.MainAsync()).AllOfType("Microsoft.Authorization/roleAssignments");

        var roles = assignments.Select(a =>
        {
            var definition = a.Resource.GetProperty("properties").GetProperty("roleDefinitionId").GetString()!;
            var match = RoleDefinition().Match(definition);
            match.Success.ShouldBeTrue($"role definition id not written out: {definition}");
            return (Role: match.Groups["id"].Value, Scope: a.Resource.GetProperty("scope").GetString()!);
        }).ToList();

        roles.Select(r => r.Role).ShouldBe(ExpectedRoles.Keys, ignoreOrder: true);
        foreach (var (role, scope) in roles)
        {
            scope.ShouldStartWith($"[resourceId('{ExpectedRoles[role]}', ", Case.Sensitive, $"role {role} on {scope}");
        }
    }

    [Fact]
    public async Task EveryAssignment_IsForTheAppsUserAssignedIdentity()
    {
        var assignments = (await CompiledTemplate.MainAsync()).AllOfType("Microsoft.Authorization/roleAssignments");

        assignments.ShouldNotBeEmpty();
        foreach (var (template, assignment) in assignments)
        {
            var properties = assignment.GetProperty("properties");
            properties.GetProperty("principalType").GetString().ShouldBe("ServicePrincipal");
            properties.GetProperty("principalId").GetString()
                .ShouldBe("[reference(resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', parameters('identityName')), '2023-01-31').principalId]");
            template.Name.ShouldBe("roles");
        }

        var main = await CompiledTemplate.MainAsync();
        main.ModuleArgument("roles", "identityName").ShouldBe("\"[variables('names').identity]\"");
        main.ModuleArgument("functionapp", "identityName").ShouldBe("\"[variables('names').identity]\"");
    }

    [GeneratedRegex(@"^\[subscriptionResourceId\('Microsoft\.Authorization/roleDefinitions', '(?<id>[0-9a-f-]{36})'\)\]$")]
    private static partial Regex RoleDefinition();
}
