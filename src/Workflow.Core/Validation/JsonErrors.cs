using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using Workflow.Model;

namespace Workflow.Validation;

/// <summary>
/// Turns a <see cref="JsonException"/> from <see cref="Json.PipelineJson.Parse"/> into a
/// <see cref="ValidationError"/> with the JSON path (<c>tasks[3].retry.maxAttempts</c>), a message without .NET
/// type names, the line and column, and a hint that lists the allowed values of enums.
/// </summary>
public static partial class JsonErrors
{
    /// <param name="exception">What the serializer threw.</param>
    /// <param name="body">
    /// The type read when it is not the model's (an API request body), so that an unknown property in it is answered
    /// with that type's properties.
    /// </param>
    /// <param name="source">
    /// The document read, as UTF-8, when at hand: an unknown property is then placed at its own line and column, where the
    /// serializer names the place it stopped reading (<see cref="JsonLocator"/>).
    /// </param>
    public static ValidationError ToValidationError(JsonException exception, JsonTypeInfo? body = null,
        byte[]? source = null)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var path = ToPath(exception.Path);
        var where = exception.LineNumber is { } line ? At(line + 1, (exception.BytePositionInLine ?? 0) + 1) : "";
        var raw = StripLocation(exception.Message);

        var converted = ConvertedTo().Match(raw);
        if (converted.Success)
        {
            // The message names the containing type; the path leads to the property that failed.
            var at = path.Length == 0 ? "The document" : $"The value of '{path}'";
            if (NotUnicode(exception) is { } encoding)
            {
                return new ValidationError(path, $"{at} is not valid {encoding}{where}.", encoding.StartsWith(
                    "UTF-16", StringComparison.Ordinal)
                    ? "It holds half of a surrogate pair (an escape such as \\uD800 without its partner): escape " +
                      "both halves, such as \\uD83D\\uDE00, or write the character itself."
                    : "Save or send the JSON as UTF-8.");
            }

            var type = ResolveType(path) ?? BodyPropertyType(path, body)
                ?? typeof(PipelineDefinition).Assembly.GetType(converted.Groups[1].Value);
            var (what, hint) = Describe(type, converted.Groups[1].Value);
            return new ValidationError(path, $"{at} is not {what}{where}.", hint);
        }

        var unknown = UnmappedMember().Match(raw);
        if (unknown.Success)
        {
            var name = unknown.Groups[1].Value;
            if (source is not null && JsonLocator.Find(source, PropertyPath(path, name)) is var (atLine, atColumn))
            {
                where = At(atLine, atColumn);
            }

            return UnknownProperty(path, name, unknown.Groups[2].Value, where, body);
        }

        var duplicate = DuplicateProperty().Match(raw);
        if (duplicate.Success)
        {
            var name = duplicate.Groups[1].Value;
            var at = PropertyPath(path, name);
            return new ValidationError(at, $"'{name}' is given more than once in the same object{where}.",
                $"Keep one '{name}': JSON readers disagree on which of two values counts.");
        }

        var missing = MissingRequired().Match(raw);
        if (missing.Success)
        {
            var names = missing.Groups[2].Value;
            var single = names.Count(c => c == '\'') == 2 ? names.Trim('\'') : null;
            return new ValidationError(single is null ? path : path.Length == 0 ? single : $"{path}.{single}", $"Required properties are missing: {names}{where}.",
                "Add them; see docs/pipeline-json.md for every field.");
        }

        // The reader's syntax errors come wrapped; a converter's own (a duration, an instant) explains itself.
        return new ValidationError(path, raw.TrimEnd('.') + where + ".", exception.InnerException is JsonException
            ? "Check the JSON syntax near that position: quotes, commas and brackets."
            : "See docs/pipeline-json.md for the formats a value is written in.");
    }

    /// <summary>
    /// A JSON string that is no text: a lone surrogate escape (<c>\uD800</c>) or bytes that are not UTF-8. The reader
    /// refuses it when it makes the string, in words ("could not be converted to System.String") that would call it
    /// not a string; the inner exception says which.
    /// </summary>
    private static string? NotUnicode(JsonException exception)
    {
        var inner = exception.InnerException?.Message ?? "";
        // "Cannot transcode invalid UTF-8 JSON text to UTF-16 string"; "Cannot read incomplete (or invalid) UTF-16
        // JSON text as string".
        return inner.Contains("invalid UTF-8", StringComparison.Ordinal) ? "UTF-8 (Unicode) text"
            : inner.Contains("UTF-16 JSON text", StringComparison.Ordinal) ? "UTF-16 (Unicode) text"
            : null;
    }

    /// <summary>
    /// A property the model does not have: the path ends at it, and the hint names the nearest property of the
    /// object it is in (<c>depends_on</c> → <c>dependsOn</c>), or lists them all.
    /// </summary>
    private static ValidationError UnknownProperty(string path, string name, string typeName, string where,
        JsonTypeInfo? body)
    {
        var at = PropertyPath(path, name);
        var type = typeof(PipelineDefinition).Assembly.GetType(typeName);
        var inBody = type is null && body?.Type.FullName == typeName;
        var info = inBody ? body : type is null ? null : Json.WorkflowJsonContext.Default.GetTypeInfo(type);
        var known = info?.Properties.Select(p => p.Name).ToArray() ?? [];
        var near = Suggestions.Closest(name, known);
        var hint = near is not null
            ? $"Did you mean '{near}'?"
            : $"Known properties here: {string.Join(", ", known)}" +
              (inBody ? "." : "; see docs/pipeline-json.md.");
        return new ValidationError(at, $"'{name}' is not a known property{where}.", hint);
    }

    /// <summary>Where in the document, 1-based, as every message here says it.</summary>
    private static string At(long line, long column) => $" (line {line}, column {column})";

    /// <summary>The path of a property the serializer names with the path of its object, or of itself.</summary>
    private static string PropertyPath(string path, string name) =>
        path.EndsWith(name, StringComparison.Ordinal) ? path : (path.Length == 0 ? name : $"{path}.{name}");

    /// <summary>The type of a top-level property of a request body (<c>maxActiveRuns</c>), without its nullable.</summary>
    private static Type? BodyPropertyType(string path, JsonTypeInfo? body)
    {
        var type = body?.Properties.FirstOrDefault(p => p.Name == path)?.PropertyType;
        return type is null ? null : Nullable.GetUnderlyingType(type) ?? type;
    }

    /// <summary>The names an enum is written with in JSON, in declaration order.</summary>
    internal static IEnumerable<string> EnumNames(Type type) =>
        type.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => f.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? f.Name);

    /// <summary><c>$.tasks[3].retry</c> becomes <c>tasks[3].retry</c>; the root becomes empty.</summary>
    public static string ToPath(string? jsonPath) => jsonPath switch
    {
        null or "$" => "",
        _ when jsonPath.StartsWith("$.", StringComparison.Ordinal) => jsonPath[2..],
        _ when jsonPath.StartsWith('$') => jsonPath[1..],
        _ => jsonPath,
    };

    private static string StripLocation(string message)
    {
        var cut = message.IndexOf(" Path: ", StringComparison.Ordinal);
        return cut < 0 ? message : message[..cut];
    }

    /// <summary>Follows a path such as <c>tasks[0].retry.maxAttempts</c> through the model's properties.</summary>
    internal static Type? ResolveType(string path)
    {
        Type? type = typeof(PipelineDefinition);
        foreach (var segment in path.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            var bracket = segment.IndexOf('[', StringComparison.Ordinal);
            var name = bracket < 0 ? segment : segment[..bracket];
            type = type?.GetProperty(name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase)
                ?.PropertyType;
            if (type is null)
            {
                return null;
            }

            type = Nullable.GetUnderlyingType(type) ?? type;
            if (bracket >= 0 && type.IsGenericType)
            {
                type = type.GetGenericArguments()[0];
            }
        }

        return type == typeof(PipelineDefinition) ? null : type;
    }

    private static (string What, string? Hint) Describe(Type? type, string typeName)
    {
        if (type is { IsEnum: true })
        {
            return ("one of the allowed values", $"Use one of: {string.Join(", ", EnumNames(type))}.");
        }

        if (type?.Namespace == typeof(PipelineDefinition).Namespace)
        {
            return ("an object of the expected shape", "See docs/pipeline-json.md for the fields it takes.");
        }

        var name = type?.FullName ?? typeName;
        return name switch
        {
            // A number out of range (1e10 for an Int32) fails the same way as 3.5 or "3": the range says which.
            "System.Int32" => ("a whole number from -2,147,483,648 to 2,147,483,647",
                "Write a number without quotes, like 3."),
            "System.Int64" => ("a whole number from -9,223,372,036,854,775,808 to 9,223,372,036,854,775,807",
                "Write a number without quotes, like 3."),
            "System.Double" => ("a number", "Write a number without quotes, like 1.5."),
            "System.Boolean" => ("true or false", "Write true or false without quotes."),
            "System.String" => ("a string", "Put the value in double quotes."),
            "System.DateTimeOffset" => ("an instant", Json.Instants.Hint),
            "System.TimeOnly" => ("a time of day", "Write it like \"23:59\"."),
            "System.DayOfWeek" => ("a day of the week", "Write it like \"Tuesday\"."),
            _ when name.Contains("List", StringComparison.Ordinal) => ("an array", "Write a JSON array: [ ... ]."),
            _ => ("of the expected type", null),
        };
    }

    [GeneratedRegex(@"could not be converted to ([\w.`\[\]?, ]+?)\.?$")]
    private static partial Regex ConvertedTo();

    [GeneratedRegex(@"The JSON property '(.*)' could not be mapped to any \.NET member contained in type '([\w.]+)'")]
    private static partial Regex UnmappedMember();

    [GeneratedRegex(@"^Duplicate property '(.*)' encountered")]
    private static partial Regex DuplicateProperty();

    [GeneratedRegex(@"missing required properties including: (.*?)?('.*')")]
    private static partial Regex MissingRequired();
}
