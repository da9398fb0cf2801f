namespace Nexus.Benchmarks.Compare;

/// <summary>Options of the <c>compare</c> benchmark.</summary>
internal sealed class CompareOptions
{
    public const string Usage =
        "usage: compare [--stacks sqlite,postgres,azure,inprocess] [--quick]\n" +
        "       One run, one table: W1/W2/W3 through the official SDK on NEXUS (SQLite durability full, PostgreSQL fsync on)\n" +
        "       and Microsoft's stacks (Azure Storage on Azurite, the in-process test host in a child process with\n" +
        "       DOTNET_PROCESSOR_COUNT=1024), plus the SDK runner's cost per episode. --quick: tiny sizes (a smoke run).";

    public static readonly IReadOnlyList<string> AllStacks = ["sqlite", "postgres", "azure", "inprocess"];

    public IReadOnlyList<string> Stacks { get; private set; } = AllStacks;

    public bool Quick { get; private set; }

    public static CompareOptions Parse(ReadOnlySpan<string> args)
    {
        var o = new CompareOptions();
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--quick":
                    o.Quick = true;
                    break;
                case "--stacks" when i + 1 < args.Length:
                    var stacks = args[++i].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                    var unknown = stacks.FirstOrDefault(s => !AllStacks.Contains(s));
                    o.Stacks = unknown is null ? stacks : throw new ArgumentException($"Unknown stack '{unknown}'.");
                    break;
                default:
                    throw new ArgumentException($"Unknown option {args[i]}.");
            }
        }

        return o;
    }

    /// <summary>The sizes for <paramref name="stack"/>.</summary>
    public StackSizes SizesFor(string stack) => Quick ? StackSizes.Quick : stack == "azure" ? StackSizes.AzureStorage : StackSizes.Full;

    /// <summary>Episodes the runner-cost workload times per history.</summary>
    public int RunnerEpisodes => Quick ? 200 : 5000;
}
