using Nexus.Durable.Entities;

namespace Nexus.Durable.Tests.Entities;

/// <summary>A test entity: an integer with an operation log.</summary>
public sealed class Counter : Entity<CounterState>
{
    public void Add(int amount)
    {
        State.Value += amount;
        State.Log.Add(amount);
    }

    public int Get() => State.Value;

    public void Reset() => State = new CounterState();

    public void AddThenFail(int amount)
    {
        State.Value += amount;
        throw new InvalidOperationException("boom after adding " + amount);
    }

    public void Delete() => Context.DeleteState();
}
