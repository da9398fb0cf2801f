using System.Collections.Concurrent;
using System.Reflection;
using Nexus.Durable.Serialization;

namespace Nexus.Durable.Entities;

/// <summary>Finds and invokes an entity's operation methods by name (cached per entity type).</summary>
internal static class EntityOperationInvoker
{
    private static readonly ConcurrentDictionary<Type, Dictionary<string, MethodInfo>> Operations = new();

    public static async Task<string?> InvokeAsync(EntityBase entity, string operation, string? input, DataConverter converter)
    {
        var methods = Operations.GetOrAdd(entity.GetType(), Discover);
        if (!methods.TryGetValue(operation, out var method))
        {
            throw new MissingMethodException(
                $"Entity '{entity.GetType().Name}' has no operation '{operation}'. Operations: {string.Join(", ", methods.Keys.Order(StringComparer.Ordinal))}.");
        }

        var parameters = method.GetParameters();
        var args = parameters.Length == 0 ? [] : new[] { converter.Deserialize(input, parameters[0].ParameterType) };
        object? result;
        try
        {
            result = method.Invoke(entity, args);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerException);
            throw;
        }

        switch (result)
        {
            case Task task:
                await task.ConfigureAwait(false);
                result = method.ReturnType.IsGenericType ? method.ReturnType.GetProperty("Result")!.GetValue(task) : null;
                break;
            case ValueTask valueTask:
                await valueTask.ConfigureAwait(false);
                result = null;
                break;
            default:
                if (method.ReturnType.IsGenericType && method.ReturnType.GetGenericTypeDefinition() == typeof(ValueTask<>))
                {
                    var asTask = (Task)method.ReturnType.GetMethod("AsTask")!.Invoke(result, null)!;
                    await asTask.ConfigureAwait(false);
                    result = asTask.GetType().GetProperty("Result")!.GetValue(asTask);
                }

                break;
        }

        return method.ReturnType == typeof(void) || method.ReturnType == typeof(Task) || method.ReturnType == typeof(ValueTask)
            ? null
            : converter.Serialize(result);
    }

    private static Dictionary<string, MethodInfo> Discover(Type type)
    {
        var map = new Dictionary<string, MethodInfo>(StringComparer.OrdinalIgnoreCase);
        for (var t = type; t is not null && !(t.IsGenericType && t.GetGenericTypeDefinition() == typeof(Entity<>)); t = t.BaseType)
        {
            foreach (var method in t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            {
                if (method.IsSpecialName || method.GetParameters().Length > 1 || method.IsGenericMethodDefinition)
                {
                    continue;
                }

                map.TryAdd(method.Name, method);
            }
        }

        return map;
    }
}
