namespace Nexus.Durable.Entities;

/// <summary>What an entity operation knows, and what it may do besides changing state.</summary>
public sealed class EntityContext
{
    private readonly List<(EntityInstanceId Target, string Operation, object? Input)> _signals = [];

    internal EntityContext(EntityInstanceId id, string operationName)
    {
        Id = id;
        OperationName = operationName;
    }

    /// <summary>The entity.</summary>
    public EntityInstanceId Id { get; }

    /// <summary>The operation being processed.</summary>
    public string OperationName { get; }

    internal bool StateDeleted { get; private set; }

    internal IReadOnlyList<(EntityInstanceId Target, string Operation, object? Input)> Signals => _signals;

    /// <summary>Deletes the entity's state when the operation completes.</summary>
    public void DeleteState() => StateDeleted = true;

    /// <summary>Sends a one-way operation to another entity when this operation completes.</summary>
    public void SignalEntity(EntityInstanceId target, string operationName, object? input = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(operationName);
        _signals.Add((target, operationName, input));
    }
}
