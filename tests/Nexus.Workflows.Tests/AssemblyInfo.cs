using Xunit;

// These tests start real processes (nexus, claude, git, node) and twenty projects at once; run side by side on a
// 2-core machine they starve each other's time-bound steps, so the classes run one after another.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
