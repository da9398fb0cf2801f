using System.CommandLine;
using Nexus.Durable;

namespace Nexus.Cli.Commands;

/// <summary>Options and arguments several commands share.</summary>
internal static class CliOptions
{
    /// <summary><c>--data DIR</c>, on every command: where the store, workspaces and scratchpads live.</summary>
    public static Option<string?> Data { get; } = new("--data")
    {
        Description = "Data directory: the store, workspaces and scratchpads (default: $NEXUS_DATA, else ./.nexus).",
        HelpName = "DIR",
        Recursive = true,
    };

    /// <summary><c>--json</c>: one JSON object on stdout instead of text.</summary>
    public static Option<bool> Json(string description = "Print one JSON object instead of text.") => new("--json") { Description = description };

    /// <summary>The project id argument, checked against the id rules.</summary>
    public static Argument<string> ProjectId()
    {
        var argument = new Argument<string>("id") { Description = "The project id." };
        argument.Validators.Add(result =>
        {
            if (CheckId(result.GetValueOrDefault<string>()) is { } problem)
            {
                result.AddError(problem);
            }
        });
        return argument;
    }

    /// <summary>Why <paramref name="id"/> is not a valid project id, or <see langword="null"/>.</summary>
    public static string? CheckId(string? id)
    {
        if (InstanceIds.IsValid(id))
        {
            return null;
        }

        try
        {
            InstanceIds.Validate(id ?? string.Empty);
            return $"invalid project id '{id}'";
        }
        catch (ArgumentException e)
        {
            // "Invalid instance id 'x': it contains '/'. (Parameter 'instanceId')" → "invalid project id 'x': it contains '/'"
            var message = e.Message;
            var cut = message.IndexOf(" (Parameter", StringComparison.Ordinal);
            message = (cut >= 0 ? message[..cut] : message).TrimEnd('.');
            return message.Replace("Invalid instance id", "invalid project id", StringComparison.Ordinal);
        }
    }
}
