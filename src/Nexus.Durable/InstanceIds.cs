namespace Nexus.Durable;

/// <summary>The rules for orchestration instance ids.</summary>
public static class InstanceIds
{
    /// <summary>The longest accepted id.</summary>
    public const int MaxLength = 256;

    /// <summary>Throws <see cref="ArgumentException"/> unless <paramref name="instanceId"/> is 1–256 characters, has no
    /// control characters, none of <c>/ \ # ?</c>, and does not start with <c>@</c> (reserved for entities).</summary>
    public static void Validate(string instanceId)
    {
        if (Check(instanceId) is { } problem)
        {
            throw new ArgumentException($"Invalid instance id '{Printable(instanceId)}': {problem}.", nameof(instanceId));
        }
    }

    /// <summary>Whether <paramref name="instanceId"/> is valid.</summary>
    public static bool IsValid(string? instanceId) => Check(instanceId) is null;

    private static string? Check(string? id)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            return "it is empty";
        }

        if (id.Length > MaxLength)
        {
            return $"it is longer than {MaxLength} characters";
        }

        if (id[0] == '@')
        {
            return "ids starting with '@' are reserved for entities";
        }

        foreach (var c in id)
        {
            if (char.IsControl(c))
            {
                return "it contains a control character";
            }

            if (c is '/' or '\\' or '#' or '?')
            {
                return $"it contains '{c}'";
            }
        }

        return null;
    }

    private static string Printable(string? id) =>
        id is null ? "(null)" : new string([.. id.Take(80).Select(c => char.IsControl(c) ? '?' : c)]);
}
