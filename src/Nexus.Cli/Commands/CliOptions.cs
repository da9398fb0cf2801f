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

    /// <summary><c>--config FILE</c>, on every command: the agent configuration file (default: <c>$NEXUS_CONFIG</c>, else
    /// <c>nexus.agents.yaml</c> in the current directory when it exists).</summary>
    public static Option<string?> Config { get; } = new("--config")
    {
        Description = "The agent configuration file (default: $NEXUS_CONFIG, else ./nexus.agents.yaml when it exists); see 'nexus config'.",
        HelpName = "FILE",
        Recursive = true,
    };

    /// <summary><c>--store sqlite|postgres</c>, on every command: where the durable state lives.</summary>
    public static Option<string?> Store { get; } = new("--store")
    {
        Description = "The store: sqlite (one file in the data directory, default) or postgres (a database many workers share; default: $NEXUS_STORE).",
        HelpName = "sqlite|postgres",
        Recursive = true,
    };

    /// <summary><c>--connection CS</c>, on every command: the PostgreSQL connection string.</summary>
    public static Option<string?> Connection { get; } = new("--connection")
    {
        Description = "The PostgreSQL connection string for --store postgres (default: $NEXUS_CONNECTION). Never printed.",
        HelpName = "CS",
        Recursive = true,
    };

    /// <summary><c>--schema NAME</c>, on every command: the PostgreSQL schema (task hub).</summary>
    public static Option<string?> Schema { get; } = new("--schema")
    {
        Description = "The PostgreSQL schema holding this task hub (default: $NEXUS_SCHEMA, else nexus); hubs in one database are independent.",
        HelpName = "NAME",
        Recursive = true,
    };

    /// <summary><c>--scratchpads file|blob</c>, on every command: where the scratchpads' Markdown goes.</summary>
    public static Option<string?> Scratchpads { get; } = new("--scratchpads")
    {
        Description = "Where the scratchpads' Markdown goes: file (the project folder, default) or blob (Azure Storage; default: $NEXUS_SCRATCHPADS).",
        HelpName = "file|blob",
        Recursive = true,
    };

    /// <summary><c>--scratchpads-connection CS</c>, on every command: the Azure Storage connection string of blob scratchpads.</summary>
    public static Option<string?> ScratchpadsConnection { get; } = new("--scratchpads-connection")
    {
        Description = "The Azure Storage connection string for --scratchpads blob (default: $NEXUS_SCRATCHPADS_CONNECTION). Never printed.",
        HelpName = "CS",
        Recursive = true,
    };

    /// <summary><c>--unsandboxed</c>, on every command: run agents and test runs without a sandbox (the operator's explicit
    /// opt-out where bubblewrap cannot start). Default: <c>$NEXUS_UNSANDBOXED</c>, else off.</summary>
    public static Option<bool> Unsandboxed { get; } = new("--unsandboxed")
    {
        Description = "Run agents and test runs WITHOUT a sandbox (they can read every file this user can); only where bubblewrap cannot start (default: $NEXUS_UNSANDBOXED).",
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

    /// <summary><c>--server URL</c>, on every project command: work on the projects of a NEXUS host (<c>nexus serve</c>) over
    /// its HTTP API instead of the local store. Default <c>$NEXUS_SERVER</c> (unless <c>--data</c> is given).</summary>
    public static Option<string?> Server { get; } = new("--server")
    {
        Description = "Work on the projects of a NEXUS host (nexus serve) at this http(s) URL instead of the local store (default: $NEXUS_SERVER).",
        HelpName = "URL",
    };

    /// <summary><c>--api-key KEY</c>, with <c>--server</c>: the host's API key, sent only in the <c>X-Api-Key</c> header.</summary>
    public static Option<string?> ApiKey { get; } = new("--api-key")
    {
        Description = "The host's API key, with --server (default: $NEXUS_API_KEY). Sent only in the X-Api-Key header, never printed.",
        HelpName = "KEY",
    };

    /// <summary>Adds <see cref="Server"/> and <see cref="ApiKey"/> to a project command.</summary>
    public static void AddServer(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(Server);
        command.Options.Add(ApiKey);
    }
}
