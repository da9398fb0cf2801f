using Nexus.Durable.Entities;

namespace Nexus.Durable.Tests.Properties;

public sealed class Tally : Entity<int>
{
    public int Add(int amount) => State += amount;
}
