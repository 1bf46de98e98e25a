using System.Text.Json;
using System.Text.Json.Nodes;

namespace Workflow.Cli.Commands;

/// <summary>
/// Turns repeated <c>--param name=value</c> into the run's parameter object. A parameter the pipeline declares as
/// <c>string</c> or <c>date-time</c> is sent as written (<c>--param code=007</c> is the text "007"); any other value
/// that reads as JSON (a number, true/false, null, an array, an object or a quoted string) keeps its type, and
/// anything else is a string, so dates and names need no quoting.
/// </summary>
public static class ParameterParser
{
    private static readonly HashSet<string> TextTypes = new(StringComparer.Ordinal) { "string", "date-time" };

    /// <param name="pairs">The <c>name=value</c> texts.</param>
    /// <param name="declaredTypes">The pipeline's parameter types by name, when its outline could be read.</param>
    public static JsonObject? Parse(IReadOnlyList<string>? pairs,
        IReadOnlyDictionary<string, string>? declaredTypes = null)
    {
        if (pairs is null || pairs.Count == 0)
        {
            return null;
        }

        var result = new JsonObject();
        foreach (var pair in pairs)
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new CliUsageException(
                    $"The parameter '{pair}' is not name=value. Write it like --param day=2024-05-01.");
            }

            var name = pair[..equals].Trim();
            if (result.ContainsKey(name))
            {
                throw new CliUsageException($"The parameter '{name}' is given twice; give each parameter once.");
            }

            var text = pair[(equals + 1)..];
            result[name] = declaredTypes?.GetValueOrDefault(name) is { } type && TextTypes.Contains(type)
                ? Text(text)
                : Value(text);
        }

        return result;
    }

    /// <summary>A text parameter as written; a quoted JSON string is unquoted, as a user who quoted it meant.</summary>
    private static JsonNode Text(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.Length >= 2 && trimmed[0] == '"' && trimmed[^1] == '"')
        {
            try
            {
                return JsonValue.Create(JsonNode.Parse(trimmed)!.GetValue<string>());
            }
            catch (JsonException)
            {
                // Not a well-formed JSON string: the text as written.
            }
        }

        return JsonValue.Create(text);
    }

    /// <summary>The declared type of each parameter, from the pipeline's outline as the server reads it.</summary>
    public static IReadOnlyDictionary<string, string> DeclaredTypes(PipelineOutline outline)
    {
        ArgumentNullException.ThrowIfNull(outline);
        return outline.Parameters.GroupBy(p => p.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Type, StringComparer.Ordinal);
    }

    private static JsonNode? Value(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.Length > 0 && (char.IsDigit(trimmed[0]) || trimmed[0] is '-' or '[' or '{' or '"'
            || trimmed is "true" or "false" or "null"))
        {
            try
            {
                return JsonNode.Parse(trimmed);
            }
            catch (JsonException)
            {
                // Not JSON (a date, a version like 1.2.3): keep it as written.
            }
        }

        return JsonValue.Create(text);
    }
}
