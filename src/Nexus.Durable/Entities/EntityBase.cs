namespace Nexus.Durable.Entities;

/// <summary>The engine's view of an entity. Users derive from <see cref="Entity{TState}"/>.</summary>
public abstract class EntityBase
{
    private protected EntityBase()
    {
    }

    internal abstract EntityContext? CurrentContext { get; set; }

    internal abstract Type StateType { get; }

    internal abstract object? UntypedState { get; set; }

    internal abstract object? CreateInitialState();
}
