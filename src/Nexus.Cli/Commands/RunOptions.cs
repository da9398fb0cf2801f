using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Nexus.Cli.Setup;
using Nexus.Workflows.Model;

namespace Nexus.Cli.Commands;

/// <summary>The options of <c>nexus run</c> that describe the project and its limits. <c>nexus execute</c> (the original
/// product's command) takes the same options with the description as <c>--task</c>.</summary>
/// <param name="descriptionAsTask">Whether the description is the <c>--task</c> option rather than the argument.</param>
internal sealed class RunOptions(bool descriptionAsTask = false)
{
    public const int MaxDescriptionLength = 20_000;
    public const int MaxIterationsLimit = 20;

    public Argument<string> Description { get; } = CreateDescription();

    public Option<string> Task { get; } = CreateTask();

    public Option<string?> Id { get; } = CreateId();

    public Option<string?> Provider { get; } = CreateProvider();

    public Option<string?> Model { get; } = NonEmpty("--model", "The model for every agent (default: each agent's configured model).", "MODEL");

    public Option<int> MaxIterations { get; } = CreateMaxIterations();

    public Option<decimal?> BudgetUsd { get; } = CreateBudget();

    public Option<bool> ApprovePlan { get; } = new("--approve-plan") { Description = "Wait for 'nexus approve ID' before implementing Aria's plan." };

    public Option<string?> TestCommand { get; } = NonEmpty("--test-command", "The command that runs the project's tests (default: detected from the workspace).", "CMD");

    public Option<string?> Scenario { get; } = NonEmpty("--scenario", "The replay scenario (implies --provider replay; default: demo).", "NAME");

    public Option<string?> Template { get; } = NonEmpty("--template", "Start from a project template: its scaffold, plan skeleton and test command (see 'nexus templates').", "NAME");

    public Option<string?> Technology { get; } = NonEmpty("--technology", "Language or framework to use.", "TEXT");

    public Option<string?> Requirements { get; } = NonEmpty("--requirements", "Extra requirements.", "TEXT");

    public Option<string?> Gates { get; } = CreateGates();

    public Option<double?> MinCoverage { get; } = CreateMinCoverage();

    public Option<int?> MaxComplexity { get; } = CreateMaxComplexity();

    public Option<string?> Memory { get; } = CreateMemory();

    public Option<bool> Json { get; } = CliOptions.Json("Print one JSON object with the outcome instead of live progress and a summary.");

    public void AddTo(Command command)
    {
        if (descriptionAsTask)
        {
            command.Options.Add(Task);
        }
        else
        {
            command.Arguments.Add(Description);
        }

        foreach (var option in new Option[] { Id, Provider, Model, MaxIterations, BudgetUsd, ApprovePlan, TestCommand, Scenario, Template, Technology, Requirements, Gates, MinCoverage, MaxComplexity, Memory, Json })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The provider asked for: <c>--provider</c>; <c>--scenario</c> implies replay (and only goes with it).</summary>
    public string? RequestedProvider(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        var provider = parseResult.GetValue(Provider);
        if (parseResult.GetValue(Scenario) is not null)
        {
            provider ??= Providers.Replay;
            if (provider != Providers.Replay)
            {
                throw new UsageException($"--scenario only applies to --provider replay, not {provider}");
            }
        }

        return provider;
    }

    /// <summary>The project request these options describe, for <paramref name="provider"/> (a replay defaults to the demo
    /// scenario).</summary>
    public ProjectRequest Request(ParseResult parseResult, string? provider)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        return new ProjectRequest
        {
            Description = descriptionAsTask ? parseResult.GetRequiredValue(Task) : parseResult.GetRequiredValue(Description),
            Requirements = parseResult.GetValue(Requirements),
            Technology = parseResult.GetValue(Technology),
            Provider = provider,
            Model = parseResult.GetValue(Model),
            MaxIterations = parseResult.GetValue(MaxIterations),
            BudgetUsd = parseResult.GetValue(BudgetUsd),
            ApprovePlan = parseResult.GetValue(ApprovePlan),
            TestCommand = parseResult.GetValue(TestCommand),
            Template = parseResult.GetValue(Template),
            GateChoice = GateChoiceOf(parseResult),
            Memory = parseResult.GetValue(Memory) is { } memory ? memory == "on" : null,
            Scenario = provider == Providers.Replay ? parseResult.GetValue(Scenario) ?? ScenarioCatalog.Demo : null,
        };
    }

    // The gates asked for on the command line, over the configured ones (the host folds them in when the project starts).
    private GateChoice? GateChoiceOf(ParseResult parseResult)
    {
        var mode = parseResult.GetValue(Gates) is { } word ? GateChoice.FromMode(word) : new GateChoice();
        var choice = mode with { MinLineCoverage = parseResult.GetValue(MinCoverage), MaxComplexity = parseResult.GetValue(MaxComplexity) };
        return choice == new GateChoice() ? null : choice;
    }

    /// <summary>An <c>--id</c> option checked against the id rules.</summary>
    public static Option<string?> CreateId()
    {
        var option = new Option<string?>("--id") { Description = "The project id (default: a new one, p-xxxxxxxxxxxx).", HelpName = "ID" };
        option.Validators.Add(result =>
        {
            if (CliOptions.CheckId(result.GetValueOrDefault<string?>()) is { } problem)
            {
                result.AddError(problem);
            }
        });
        return option;
    }

    private static Argument<string> CreateDescription()
    {
        var argument = new Argument<string>("description") { Description = "What to build (1–20,000 characters)." };
        argument.Validators.Add(result =>
        {
            if (CheckDescription(result.GetValueOrDefault<string>()) is { } problem)
            {
                result.AddError(problem);
            }
        });
        return argument;
    }

    private static Option<string> CreateTask()
    {
        var option = new Option<string>("--task") { Description = "What to build (1–20,000 characters).", HelpName = "TEXT", Required = true };
        option.Validators.Add(result =>
        {
            if (CheckDescription(result.GetValueOrDefault<string>()) is { } problem)
            {
                result.AddError(problem.Replace("the description", "the task", StringComparison.Ordinal));
            }
        });
        return option;
    }

    private static string? CheckDescription(string? text) =>
        string.IsNullOrWhiteSpace(text) ? "the description is empty: say what to build"
        : UserText.Characters(text) is var length && length > MaxDescriptionLength ? $"the description is {length:N0} characters; at most {MaxDescriptionLength:N0} are allowed"
        : null;

    private static Option<string?> CreateProvider()
    {
        var option = new Option<string?>("--provider")
        {
            Description = $"The backend for every agent: {string.Join(", ", Providers.All)} (default: claude when installed, else the provider whose key is set).",
            HelpName = "NAME",
        };
        option.AcceptOnlyFromAmong([.. Providers.All]);
        return option;
    }

    private static Option<string?> CreateGates()
    {
        var option = new Option<string?>("--gates")
        {
            Description = "The QA and Security gates of this project: on, off, qa (only QA) or security (only Security) (default: the configuration's).",
            HelpName = "MODE",
        };
        option.AcceptOnlyFromAmong("on", "off", "qa", "security");
        return option;
    }

    private static Option<string?> CreateMemory()
    {
        var option = new Option<string?>("--memory")
        {
            Description = "Use the memory across projects (earlier projects' lessons for Aria and Prime; this one's stored when it ends): on or off (default: the configuration's).",
            HelpName = "on|off",
        };
        option.AcceptOnlyFromAmong("on", "off");
        return option;
    }

    private static Option<double?> CreateMinCoverage() => new("--min-coverage")
    {
        Description = "The QA gate's least line coverage in percent, 0–100 (default: the configuration's, 80).",
        HelpName = "PCT",
        CustomParser = result =>
        {
            var text = OptionText(result);
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || double.IsNaN(value) || value is < 0 or > 100)
            {
                result.AddError($"--min-coverage must be a percentage between 0 and 100, not '{text}'");
                return null;
            }

            return value;
        },
    };

    private static Option<int?> CreateMaxComplexity() => new("--max-complexity")
    {
        Description = "The QA gate's most cyclomatic complexity of one function, at least 1 (default: the configuration's, 10).",
        HelpName = "N",
        CustomParser = result =>
        {
            var text = OptionText(result);
            if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) || value < 1)
            {
                result.AddError($"--max-complexity must be a whole number of at least 1, not '{text}'");
                return null;
            }

            return value;
        },
    };

    private static Option<int> CreateMaxIterations() => new("--max-iterations")
    {
        Description = $"Most implement → test → review iterations (1–{MaxIterationsLimit}).",
        HelpName = "N",
        DefaultValueFactory = _ => 5,
        CustomParser = result =>
        {
            var text = OptionText(result);
            if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) || value is < 1 or > MaxIterationsLimit)
            {
                result.AddError($"--max-iterations must be a whole number between 1 and {MaxIterationsLimit}, not '{text}'");
            }

            return value;
        },
    };

    /// <summary><c>--budget-usd</c>: a spending cap in USD, more than 0.</summary>
    public static Option<decimal?> CreateBudget() => new("--budget-usd")
    {
        Description = "Spending cap in USD (no step starts at or beyond it).",
        HelpName = "USD",
        CustomParser = result =>
        {
            var text = OptionText(result);
            if (!decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var value) || value <= 0)
            {
                result.AddError($"--budget-usd must be an amount more than 0, not '{text}'");
                return null;
            }

            return value;
        },
    };

    /// <summary>The single token of an option (parsers run only when there is one).</summary>
    public static string OptionText(ArgumentResult result) => result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;

    private static Option<string?> NonEmpty(string name, string description, string helpName)
    {
        var option = new Option<string?>(name) { Description = description, HelpName = helpName };
        option.Validators.Add(result =>
        {
            if (string.IsNullOrWhiteSpace(result.GetValueOrDefault<string?>()))
            {
                result.AddError($"{name} needs a value");
            }
        });
        return option;
    }
}
