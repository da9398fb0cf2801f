using System.Reflection;
using Microsoft.AspNetCore.Routing.Template;
using Microsoft.Azure.Functions.Worker;

namespace Nexus.Functions.Tests.Support;

/// <summary>One HTTP function of the app as the Functions host routes to it: its methods and its route template (under the
/// host's route prefix), read from the same <c>[Function]</c>/<c>[HttpTrigger]</c> attributes the build's
/// <c>functions.metadata</c> is generated from.</summary>
internal sealed record HttpFunction(string Name, MethodInfo Method, IReadOnlySet<string> Verbs, RouteTemplate Route)
{
    /// <summary>Literal segments first, as ASP.NET Core's route precedence orders <c>tasks/create</c> before <c>tasks/{id}</c>.</summary>
    public int Literals => Route.Segments.Count(s => s.IsSimple && s.Parts[0].IsLiteral);

    /// <summary>Every HTTP function of the Function App.</summary>
    public static IReadOnlyList<HttpFunction> Discover() =>
    [
        .. from type in typeof(Nexus.Functions.Hosting.FunctionAppServices).Assembly.GetExportedTypes()
           from method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static)
           let function = method.GetCustomAttribute<FunctionAttribute>()
           let trigger = method.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).FirstOrDefault(t => t is not null)
           where function is not null && trigger is not null
           select new HttpFunction(
               function.Name,
               method,
               trigger.Methods!.Select(m => m.ToUpperInvariant()).ToHashSet(),
               TemplateParser.Parse(trigger.Route!)),
    ];
}
