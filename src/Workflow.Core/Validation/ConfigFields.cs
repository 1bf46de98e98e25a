using System.Text.Json;

namespace Workflow.Validation;

/// <summary>
/// Reads the fields of one task's config for <see cref="ConfigRules"/>, reporting each bad one at its path. The
/// path (<c>tasks[2].config</c>) is formatted only when there is an error to report.
/// </summary>
internal readonly record struct ConfigFields(FieldOwner Task, ErrorCollector Errors)
{
    public string Path => $"{Task}.config";

    public string Of(string field) => $"{Task}.config.{field}";

    /// <summary>The field's text when it is a non-empty string, else null after reporting it.</summary>
    public string? RequiredString(JsonElement config, string field, string what)
    {
        if (config.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String &&
            !string.IsNullOrWhiteSpace(value.GetString()))
        {
            return value.GetString();
        }

        Errors.Add(Of(field), value.ValueKind == JsonValueKind.Undefined
                ? $"'{field}' is missing."
                : $"'{field}' is {value.GetRawText()}; it must be a non-empty string.",
            $"Name {what}.");
        return null;
    }

    public void Kind(JsonElement config, string field, JsonValueKind kind)
    {
        if (config.TryGetProperty(field, out var value) && value.ValueKind != kind && value.ValueKind != JsonValueKind.Null)
        {
            Errors.Add(Of(field), $"'{field}' must be {Article(kind)}, not {Article(value.ValueKind)}.");
        }
    }

    /// <summary>An optional whole number of at least <paramref name="min"/>.</summary>
    public void Count(JsonElement config, string field, int min)
    {
        if (config.TryGetProperty(field, out var value) && !(value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n) && n >= min))
        {
            Errors.Add(Of(field), $"'{field}' is {value.GetRawText()}; it must be a whole number of at least {min}.");
        }
    }

    /// <summary>An optional duration of more than zero.</summary>
    public void Duration(JsonElement config, string field)
    {
        if (config.TryGetProperty(field, out var value) &&
            !(Json.Duration.TryRead(value, out var span) && span > TimeSpan.Zero))
        {
            Errors.Add(Of(field), $"'{field}' is {value.GetRawText()}, which is not a duration of more than 0s.",
                "Write it like \"30s\" or \"5m\".");
        }
    }

    private static string Article(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "true or false",
        _ => "null",
    };
}
