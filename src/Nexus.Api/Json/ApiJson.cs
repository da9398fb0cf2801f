using System.Text.Json;
using System.Text.Json.Serialization;

namespace Nexus.Api.Json;

/// <summary>The API's JSON rules, the same in both hosts.</summary>
internal static class ApiJson
{
    /// <summary>Numbers are numbers (a quoted number is refused); enums are written and read as names.</summary>
    public static void Configure(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.NumberHandling = JsonNumberHandling.Strict;
        options.Converters.Add(new JsonStringEnumConverter());
    }
}
