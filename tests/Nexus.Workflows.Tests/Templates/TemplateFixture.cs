using Nexus.Testing;

namespace Nexus.Workflows.Tests.Templates;

/// <summary>The repository's built-in templates folder.</summary>
internal static class TemplateFixture
{
    public static string BuiltInDirectory { get; } = Path.Combine(RepositoryRoot.Find(), "templates");
}
