namespace Nexus.Durable.Storage;

/// <summary>What an instance is: an orchestration or an entity. They are locked by different dispatchers.</summary>
public enum InstanceKind
{
    /// <summary>An orchestration instance (has a history).</summary>
    Orchestration = 0,

    /// <summary>An entity instance (id <c>@name@key</c>; has state, no history).</summary>
    Entity = 1,
}
