using System.Collections.Frozen;
using System.Text.Json;

namespace Workflow.Api.Contracts;

/// <summary>
/// The wire name of a model enum value: exactly what the API's JSON writes for it (its
/// <c>JsonStringEnumMemberName</c>, kebab-case), so that the contracts, which carry states as strings, put the same
/// text on the wire as the enum did. The known names are listed for clients in <c>Workflow.Contracts</c>
/// (<c>RunStatusNames</c>, …); a test holds the two lists equal.
/// </summary>
public static class WireNames
{
    public static string WireName<TEnum>(this TEnum value) where TEnum : struct, Enum =>
        Names<TEnum>.ByValue.TryGetValue(value, out var name) ? name : value.ToString();

    /// <summary>Every name of <typeparamref name="TEnum"/>, in the enum's order.</summary>
    public static IReadOnlyList<string> All<TEnum>() where TEnum : struct, Enum => Names<TEnum>.All;

    /// <summary>Reads a wire name back (case and surrounding spaces ignored), as a query parameter gives it.</summary>
    public static bool TryParse<TEnum>(string text, out TEnum value) where TEnum : struct, Enum
    {
        ArgumentNullException.ThrowIfNull(text);
        return Names<TEnum>.ByName.TryGetValue(text.Trim(), out value);
    }

    private static class Names<TEnum> where TEnum : struct, Enum
    {
        public static readonly IReadOnlyList<string> All = [.. Enum.GetValues<TEnum>().Select(Written)];

        public static readonly FrozenDictionary<TEnum, string> ByValue =
            Enum.GetValues<TEnum>().Zip(All).ToFrozenDictionary(p => p.First, p => p.Second);

        public static readonly FrozenDictionary<string, TEnum> ByName =
            ByValue.ToFrozenDictionary(p => p.Value, p => p.Key, StringComparer.OrdinalIgnoreCase);

        private static string Written(TEnum value) =>
            JsonSerializer.SerializeToElement(value, ApiJson.Options).GetString()!;
    }
}
