using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Workflow.Parameters;

/// <summary>
/// Templates in the string values of task config: <c>{{ params.NAME }}</c> and <c>{{ run.NAME }}</c> (see
/// <see cref="RunValues.Variables"/>), spaces inside the braces optional. Only tokens of that shape are templates:
/// every other text, including other uses of braces (<c>{{.Names}}</c> of a docker format), is left as it is, and
/// a config without templates is returned unchanged. A backslash before a token (<c>\{{ params.x }}</c>) writes the
/// token literally, without the backslash. A parameter renders as its text when it is a string, as its JSON text
/// otherwise (<c>42</c>, <c>true</c>, <c>[1,2]</c>), and as nothing when it is null (an optional parameter neither given nor defaulted).
/// </summary>
public static partial class Templates
{
    /// <summary>One token: group 1 is the escaping backslash, 2 the root (params or run), 3 the name.</summary>
    [GeneratedRegex(@"(\\?)\{\{\s*(params|run)\.([A-Za-z0-9_.\-]+)\s*\}\}", RegexOptions.CultureInvariant)]
    private static partial Regex Token();

    /// <summary>A template token found in a string; escaped tokens are not reported.</summary>
    public readonly record struct Reference(string Root, string Name, string Text)
    {
        public bool IsParameter => Root == "params";
    }

    /// <summary>The (unescaped) template tokens in <paramref name="text"/>.</summary>
    public static IEnumerable<Reference> References(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (Match match in Token().Matches(text))
        {
            if (match.Groups[1].Length == 0)
            {
                yield return new Reference(match.Groups[2].Value, match.Groups[3].Value, match.Value);
            }
        }
    }

    /// <summary>
    /// Renders one string; null when it names a parameter or variable <paramref name="values"/> does not hold
    /// (<paramref name="unknown"/> then says which), which validation refuses when the pipeline is saved.
    /// </summary>
    public static string? Render(string text, RunValues values, out string? unknown)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(values);
        unknown = null;
        if (!text.Contains("{{", StringComparison.Ordinal))
        {
            return text;
        }

        var missing = (string?)null;
        var rendered = Token().Replace(text, match =>
        {
            if (match.Groups[1].Length > 0)
            {
                return match.Value[1..];
            }

            var name = match.Groups[3].Value;
            var value = match.Groups[2].Value == "params"
                ? ParameterText(values.Parameters, name)
                : values.Variable(name);
            missing ??= value is null ? match.Value : null;
            return value ?? match.Value;
        });
        unknown = missing;
        return missing is null ? rendered : null;
    }

    /// <summary>
    /// Renders every string value inside <paramref name="config"/> (property names stay as they are). Returns the
    /// same element when nothing in it is a template; throws <see cref="ArgumentException"/> naming the token and
    /// its path when one cannot be rendered.
    /// </summary>
    public static JsonElement? Render(JsonElement? config, RunValues values)
    {
        if (config is not { } element || !HasTemplates(element))
        {
            return config;
        }

        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, Readable))
        {
            Write(writer, element, values, "config");
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }

    /// <summary>Whether <paramref name="text"/> holds a token, escaped or not.</summary>
    public static bool HasTemplates(string text) => Token().IsMatch(text);

    /// <summary>Whether any string value in <paramref name="element"/> holds a token, escaped or not.</summary>
    public static bool HasTemplates(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => HasTemplates(element.GetString()!),
        JsonValueKind.Array => element.EnumerateArray().Any(HasTemplates),
        JsonValueKind.Object => element.EnumerateObject().Any(p => HasTemplates(p.Value)),
        _ => false,
    };

    /// <summary>Every string value in <paramref name="element"/> with its path below <paramref name="path"/>.</summary>
    public static IEnumerable<(string Path, string Text)> Strings(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                yield return (path, element.GetString()!);
                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    foreach (var found in Strings(item, $"{path}[{i++}]"))
                    {
                        yield return found;
                    }
                }

                break;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    foreach (var found in Strings(property.Value, $"{path}.{property.Name}"))
                    {
                        yield return found;
                    }
                }

                break;
        }
    }

    // Rendered text as it reads ("a+b", not "a\u002Bb"); it is stored with the attempt and parsed again, never sent as HTML.
    private static readonly JsonWriterOptions Readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static void Write(Utf8JsonWriter writer, JsonElement element, RunValues values, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                var text = element.GetString()!;
                writer.WriteStringValue(Render(text, values, out var unknown) ?? throw new ArgumentException(
                    $"{path}: '{unknown}' names no declared parameter or run variable."));
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                var i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Write(writer, item, values, $"{path}[{i++}]");
                }

                writer.WriteEndArray();
                break;
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in element.EnumerateObject())
                {
                    writer.WritePropertyName(property.Name);
                    Write(writer, property.Value, values, $"{path}.{property.Name}");
                }

                writer.WriteEndObject();
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }

    private static string? ParameterText(JsonElement parameters, string name)
    {
        if (parameters.ValueKind == JsonValueKind.Object && parameters.TryGetProperty(name, out var value))
        {
            return value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Null => "",
                _ => value.GetRawText(),
            };
        }

        return null;
    }
}
