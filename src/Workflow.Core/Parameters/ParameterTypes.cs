using System.Text.Json;
using Workflow.Json;

namespace Workflow.Parameters;

/// <summary>
/// The types a declared parameter may have and the JSON values each accepts: <c>string</c>, <c>integer</c> (a
/// whole number within 64 bits), <c>number</c>, <c>boolean</c>, <c>array</c>, <c>object</c>, and <c>date-time</c>
/// (an ISO 8601 string with a date, a time and an offset, for example <c>"2026-03-01T02:00:00Z"</c>).
/// </summary>
public static class ParameterTypes
{
    public const string String = "string";
    public const string Integer = "integer";
    public const string Number = "number";
    public const string Boolean = "boolean";
    public const string Array = "array";
    public const string Object = "object";
    public const string DateTime = "date-time";

    public static IReadOnlyList<string> All { get; } = [String, Integer, Number, Boolean, Array, Object, DateTime];

    public static bool IsKnown(string? type) => type is not null && All.Contains(type, StringComparer.Ordinal);

    /// <summary>Null when <paramref name="value"/> is a <paramref name="type"/>, else what is wrong with it.</summary>
    public static string? Mismatch(string type, JsonElement value)
    {
        var fits = type switch
        {
            String => value.ValueKind == JsonValueKind.String,
            Integer => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _),
            Number => value.ValueKind == JsonValueKind.Number,
            Boolean => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
            Array => value.ValueKind == JsonValueKind.Array,
            Object => value.ValueKind == JsonValueKind.Object,
            DateTime => value.ValueKind == JsonValueKind.String && Instants.TryParse(value.GetString(), out _),
            _ => false,
        };
        return fits ? null : $"{Shown(value)} is not {Expected(type)}";
    }

    private static string Expected(string type) => type switch
    {
        Integer => "an integer (a whole number such as 42)",
        Number => "a number",
        Boolean => "true or false",
        Array => "an array",
        Object => "an object",
        DateTime => "a date-time (ISO 8601 with an offset, such as \"2026-03-01T02:00:00Z\")",
        _ => "a string",
    };

    private static string Shown(JsonElement value)
    {
        var text = value.GetRawText();
        return text.Length <= 60 ? text : text[..57] + "...";
    }
}
