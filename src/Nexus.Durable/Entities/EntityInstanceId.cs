using Nexus.Durable.Storage;

namespace Nexus.Durable.Entities;

/// <summary>Names one entity: its registered name and a key.</summary>
public readonly record struct EntityInstanceId
{
    /// <summary>Creates an id. The name is case-insensitive (kept in lower case); neither part may contain '@'.</summary>
    public EntityInstanceId(string name, string key)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrEmpty(key);
        if (name.Contains('@', StringComparison.Ordinal))
        {
            throw new ArgumentException($"Entity name '{name}' must not contain '@'.", nameof(name));
        }

        if (key.Length > 200 || key.Any(char.IsControl))
        {
            throw new ArgumentException("Entity keys are 1–200 characters without control characters.", nameof(key));
        }

        Name = name.ToLowerInvariant();
        Key = key;
    }

    /// <summary>The entity name (lower case).</summary>
    public string Name { get; }

    /// <summary>The key.</summary>
    public string Key { get; }

    /// <summary>The instance id the stores use: <c>@name@key</c>.</summary>
    public override string ToString() => $"@{Name}@{Key}";

    /// <summary>The same entity named the Microsoft.DurableTask way.</summary>
    public static implicit operator EntityInstanceId(Microsoft.DurableTask.Entities.EntityInstanceId id) => new(id.Name, id.Key);

    /// <summary>Reads <c>@name@key</c>.</summary>
    public static EntityInstanceId Parse(string instanceId) => new(EntityIds.GetName(instanceId), EntityIds.GetKey(instanceId));
}
