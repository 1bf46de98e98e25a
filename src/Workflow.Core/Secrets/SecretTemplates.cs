using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Workflow.Secrets;

/// <summary>
/// <c>{{ secrets.NAME }}</c> in the string values of task config: the owner group's secret NAME, put in only when
/// an attempt starts, so definitions, run records and events keep the reference and never the value. A backslash
/// before the token (<c>\{{ secrets.X }}</c>) writes it literally. This is the <c>secrets</c> namespace beside the
/// <c>params</c> and <c>run</c> templates: it renders after them, so a secret's value is never read as a template.
/// </summary>
public static partial class SecretTemplates
{
    /// <summary>Group 1 is the escaping backslash, 2 the name (wider than a valid name, so a bad one is reported).</summary>
    [GeneratedRegex(@"(\\?)\{\{\s*secrets\.([A-Za-z0-9_.\-]+)\s*\}\}", RegexOptions.CultureInvariant)]
    private static partial Regex Token();

    /// <summary>The names of the secrets referenced (unescaped) in any string value of <paramref name="config"/>.</summary>
    public static IReadOnlySet<string> Names(JsonElement? config)
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        if (config is { } element)
        {
            Collect(element, names);
        }

        return names;
    }

    /// <summary>
    /// Puts <paramref name="values"/> in place of every reference in <paramref name="config"/>; the caller has
    /// checked that each referenced name has a value. Returns the config unchanged when it holds no reference.
    /// </summary>
    public static JsonElement? Render(JsonElement? config, IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (config is not { } element || Names(element).Count == 0)
        {
            return config;
        }

        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, Readable))
        {
            Write(writer, element, values);
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }

    // Rendered text as it reads; it goes to a handler in memory and is never sent as HTML.
    private static readonly JsonWriterOptions Readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Renders one string.</summary>
    public static string Render(string text, IReadOnlyDictionary<string, string> values) =>
        Token().Replace(text, m => m.Groups[1].Length > 0 ? m.Value[1..] : values[m.Groups[2].Value]);

    private static void Collect(JsonElement element, SortedSet<string> names)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                foreach (Match match in Token().Matches(element.GetString()!))
                {
                    if (match.Groups[1].Length == 0)
                    {
                        names.Add(match.Groups[2].Value);
                    }
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Collect(item, names);
                }

                break;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    Collect(property.Value, names);
                }

                break;
        }
    }

    private static void Write(Utf8JsonWriter writer, JsonElement element, IReadOnlyDictionary<string, string> values)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                writer.WriteStringValue(Render(element.GetString()!, values));
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    Write(writer, item, values);
                }

                writer.WriteEndArray();
                break;
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in element.EnumerateObject())
                {
                    writer.WritePropertyName(property.Name);
                    Write(writer, property.Value, values);
                }

                writer.WriteEndObject();
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }
}
