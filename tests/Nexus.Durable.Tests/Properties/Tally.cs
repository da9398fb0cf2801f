using Microsoft.DurableTask.Entities;

namespace Nexus.Durable.Tests.Properties;

/// <summary>A running total per key.</summary>
public sealed class Tally : TaskEntity<int>
{
    public int Add(int amount) => State += amount;
}
