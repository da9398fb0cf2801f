namespace Nexus.Durable.Storage;

/// <summary>The three kinds of work the dispatchers take.</summary>
public enum WorkKind
{
    /// <summary>Orchestration episodes.</summary>
    Orchestration = 0,

    /// <summary>Activities.</summary>
    Activity = 1,

    /// <summary>Entity operations.</summary>
    Entity = 2,
}
