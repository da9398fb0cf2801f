namespace Nexus.Durable.Tests.Client;

/// <summary>A value no JSON serializer accepts: it refers to itself.</summary>
public sealed class Cycle
{
    public Cycle? Next { get; set; }

    public static Cycle Create()
    {
        var cycle = new Cycle();
        cycle.Next = cycle;
        return cycle;
    }
}
