using Microsoft.DurableTask.Entities;

namespace Nexus.Durable.Tests.Entities;

/// <summary>A test entity: an integer with an operation log. <c>delete</c> is the SDK's implicit operation.</summary>
public sealed class Counter : TaskEntity<CounterState>
{
    public void Add(int amount)
    {
        State.Value += amount;
        State.Log.Add(amount);
    }

    public int Get() => State.Value;

    public void Set(int value)
    {
        State.Value = value;
        State.Log.Add(value);
    }

    public void AddThenFail(int amount)
    {
        State.Value += amount;
        throw new InvalidOperationException("boom after adding " + amount);
    }
}
