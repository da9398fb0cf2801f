using Nexus.Durable.Entities;

namespace Nexus.Durable.Client;

/// <summary>An entity's state as the client reads it.</summary>
/// <typeparam name="TState">The state type.</typeparam>
/// <param name="Id">The entity.</param>
/// <param name="State">Its state.</param>
/// <param name="LastModifiedTime">When its state last changed.</param>
public sealed record EntityMetadata<TState>(EntityInstanceId Id, TState State, DateTimeOffset LastModifiedTime);
