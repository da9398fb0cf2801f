namespace Nexus.Durable.Tests.Properties;

/// <summary>One instruction of a randomly generated orchestration shape.</summary>
public sealed record Step(string Kind, int Arg)
{
    public override string ToString() => $"{Kind}({Arg})";
}
