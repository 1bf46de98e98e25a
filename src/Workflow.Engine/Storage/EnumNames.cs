using System.Reflection;
using System.Text.Json.Serialization;

namespace Workflow.Engine.Storage;

/// <summary>The names enums have in JSON (<c>retry-wait</c>, <c>cancel-previous</c>), used in the store's text columns too.</summary>
internal static class EnumNames<T>
    where T : struct, Enum
{
    private static readonly Dictionary<T, string> Names = Enum.GetValues<T>().ToDictionary(v => v, NameOf);
    private static readonly Dictionary<string, T> Values = Names.ToDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);

    public static string Name(T value) => Names.TryGetValue(value, out var name) ? name : value.ToString().ToLowerInvariant();

    public static T Parse(string name) => Values.TryGetValue(name, out var value)
        ? value
        : Enum.Parse<T>(name, ignoreCase: true);

    private static string NameOf(T value)
    {
        var member = typeof(T).GetField(value.ToString(), BindingFlags.Public | BindingFlags.Static);
        return member?.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? value.ToString().ToLowerInvariant();
    }
}
