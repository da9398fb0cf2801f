namespace Nexus.Durable.Registry;

/// <summary>Gives an orchestration, activity or entity class a registered name other than its class name.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class DurableNameAttribute(string name) : Attribute
{
    /// <summary>The name.</summary>
    public string Name { get; } = name;
}
