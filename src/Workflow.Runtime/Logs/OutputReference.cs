using System.Text.Json;

namespace Workflow.Runtime.Logs;

/// <summary>
/// The stand-in for a spilled output: <c>{"$outputRef": "location", "bytes": n}</c>. The location is whatever the
/// store that wrote it understands (a relative file path, a blob name).
/// </summary>
public static class OutputReference
{
    public const string RefProperty = "$outputRef";

    public static JsonElement Create(string location, int bytes) =>
        JsonSerializer.SerializeToElement(new Dictionary<string, object>
        {
            [RefProperty] = location,
            ["bytes"] = bytes,
        });

    public static bool IsReference(JsonElement value) =>
        value.ValueKind == JsonValueKind.Object && value.TryGetProperty(RefProperty, out _);

    /// <summary>The location of a reference; null when <paramref name="value"/> is not one.</summary>
    public static string? LocationOf(JsonElement value) =>
        IsReference(value) ? value.GetProperty(RefProperty).GetString() ?? string.Empty : null;

    /// <summary>
    /// Resolves the references in a task input: the input itself, its top-level properties (one per upstream task,
    /// plus <c>$item</c> in a map instance), and the elements of those that are arrays (a finished map's outputs).
    /// Returns the input unchanged when it holds none.
    /// </summary>
    public static async ValueTask<JsonElement?> ResolveInputAsync(IOutputStore store, JsonElement? input,
        CancellationToken cancellationToken) =>
        input is { } value ? await ResolveAsync(store, value, depth: 2, cancellationToken) : null;

    private static async ValueTask<JsonElement> ResolveAsync(IOutputStore store, JsonElement value, int depth,
        CancellationToken cancellationToken)
    {
        if (IsReference(value))
        {
            return await store.ResolveAsync(value, cancellationToken);
        }

        if (depth == 0 || !HoldsReference(value, depth))
        {
            return value;
        }

        if (value.ValueKind == JsonValueKind.Array)
        {
            var items = new List<JsonElement>();
            foreach (var item in value.EnumerateArray())
            {
                items.Add(await ResolveAsync(store, item, depth - 1, cancellationToken));
            }

            return JsonSerializer.SerializeToElement(items);
        }

        var properties = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in value.EnumerateObject())
        {
            properties[property.Name] = await ResolveAsync(store, property.Value, depth - 1, cancellationToken);
        }

        return JsonSerializer.SerializeToElement(properties);
    }

    /// <summary>
    /// True when a task output is a reference or directly holds one: the places where
    /// <see cref="ResolveInputAsync"/> would follow it once the output is a downstream input.
    /// </summary>
    public static bool HoldsReference(JsonElement output) => HoldsReference(output, depth: 1);

    private static bool HoldsReference(JsonElement value, int depth) =>
        IsReference(value) || (depth > 0 && value.ValueKind switch
        {
            JsonValueKind.Object => value.EnumerateObject().Any(p => HoldsReference(p.Value, depth - 1)),
            JsonValueKind.Array => value.EnumerateArray().Any(e => HoldsReference(e, depth - 1)),
            _ => false,
        });
}
