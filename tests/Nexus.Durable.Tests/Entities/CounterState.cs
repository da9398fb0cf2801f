namespace Nexus.Durable.Tests.Entities;

public sealed class CounterState
{
    public int Value { get; set; }

    public List<int> Log { get; set; } = [];
}
