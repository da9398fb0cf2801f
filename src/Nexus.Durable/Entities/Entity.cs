namespace Nexus.Durable.Entities;

/// <summary>A durable entity: per-key state changed by operations that run one at a time, in arrival order.</summary>
/// <typeparam name="TState">The state type (JSON-serializable).</typeparam>
/// <remarks>
/// Operations are the public instance methods declared on the derived class, matched by name (case-insensitive). Each
/// takes no parameter or one input parameter and returns <c>void</c>, a value, <see cref="Task"/>,
/// <see cref="Task{TResult}"/>, <see cref="ValueTask"/> or <see cref="ValueTask{TResult}"/>. An operation that throws
/// leaves the state as it was before that operation; the caller gets the failure.
/// </remarks>
public abstract class Entity<TState> : EntityBase
{
    /// <summary>The current state.</summary>
    public TState State { get; set; } = default!;

    /// <summary>The operation being processed.</summary>
    protected EntityContext Context => CurrentContext ?? throw new InvalidOperationException("No operation is being processed.");

    internal override EntityContext? CurrentContext { get; set; }

    internal override Type StateType => typeof(TState);

    internal override object? UntypedState
    {
        get => State;
        set => State = (TState)value!;
    }

    /// <summary>The state of a new entity. Default: <c>default(TState)</c>, or a new instance when it has a parameterless constructor.</summary>
    protected virtual TState InitializeState() =>
        typeof(TState).IsValueType || typeof(TState).GetConstructor(Type.EmptyTypes) is null
            ? default!
            : Activator.CreateInstance<TState>();

    internal override object? CreateInitialState() => InitializeState();
}
