namespace Nexus.Durable.Storage;

/// <summary>How entity instance ids are spelled: <c>@name@key</c> (name in lower case).</summary>
public static class EntityIds
{
    /// <summary>Whether <paramref name="instanceId"/> names an entity.</summary>
    public static bool IsEntity(string instanceId) => instanceId is ['@', ..] && instanceId.IndexOf('@', 1) > 1;

    /// <summary>The entity name part of <c>@name@key</c>.</summary>
    public static string GetName(string instanceId)
    {
        ArgumentNullException.ThrowIfNull(instanceId);
        var end = instanceId.IndexOf('@', 1);
        if (instanceId.Length < 3 || instanceId[0] != '@' || end < 2)
        {
            throw new ArgumentException($"'{instanceId}' is not an entity instance id (@name@key).", nameof(instanceId));
        }

        return instanceId[1..end];
    }

    /// <summary>The key part of <c>@name@key</c>.</summary>
    public static string GetKey(string instanceId)
    {
        ArgumentNullException.ThrowIfNull(instanceId);
        var end = instanceId.IndexOf('@', 1);
        return end < 0 ? string.Empty : instanceId[(end + 1)..];
    }
}
