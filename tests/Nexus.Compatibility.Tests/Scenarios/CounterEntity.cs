using Microsoft.DurableTask.Entities;

namespace Nexus.Compatibility.Tests.Scenarios;

/// <summary>A counter: <see cref="Add"/>, <see cref="Get"/>, and <see cref="Fail"/>, which changes the state and then
/// throws (the SDK rolls the operation back).</summary>
public sealed class CounterEntity : TaskEntity<int>
{
    public const string FailMessage = "the counter refuses";

    public void Add(int amount) => State += amount;

    public int Get() => State;

    public void Fail()
    {
        State = -1000;
        throw new InvalidOperationException(FailMessage);
    }
}
