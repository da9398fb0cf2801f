namespace Nexus.Durable.Activities;

/// <summary>The engine's view of an activity. Users derive from <see cref="Activity{TInput, TOutput}"/>.</summary>
public abstract class ActivityBase
{
    private protected ActivityBase()
    {
    }

    internal abstract Type InputType { get; }

    internal abstract Task<object?> RunUntypedAsync(ActivityContext context, object? input);
}
