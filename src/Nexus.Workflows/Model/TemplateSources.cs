namespace Nexus.Workflows.Model;

/// <summary>The <see cref="ProjectTemplate.Source"/> of a template shipped with NEXUS.</summary>
public static class TemplateSources
{
    /// <summary>A template of the <c>templates</c> folder shipped with NEXUS.</summary>
    public const string BuiltIn = "built-in";
}
