using System.Text.Json;
using System.Text.Json.Nodes;

namespace Workflow.Cli.Commands;

/// <summary>
/// Turns repeated <c>--param name=value</c> into the run's parameter object. A value that reads as JSON
/// (a number, true/false, null, an array, an object or a quoted string) keeps its type; anything else is a string,
/// so dates and names need no quoting.
/// </summary>
public static class ParameterParser
{
    public static JsonObject? Parse(IReadOnlyList<string>? pairs)
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

            result[name] = Value(pair[(equals + 1)..]);
        }

        return result;
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
