using Nexus.Workflows.Orchestration;
using Shouldly;
using Xunit;

namespace Nexus.Workflows.Tests.Analyzers;

/// <summary>The workflow is plain Microsoft.DurableTask code: it must run on any Durable Task host (NEXUS's own, the Azure
/// Functions isolated worker), so it references the SDK and never NEXUS's engine or stores.</summary>
public sealed class WorkflowDependencyTests
{
    [Fact]
    public void WorkflowAssembly_ReferencesTheSdk_AndNoNexusEngineAssembly()
    {
        var references = typeof(ProjectOrchestration).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        references.ShouldContain("Microsoft.DurableTask.Abstractions");
        references.ShouldNotContain(name => name.StartsWith("Nexus.Durable", StringComparison.Ordinal) || name == "Nexus.Hosting",
            $"the workflow references: {string.Join(", ", references)}");
    }
}
