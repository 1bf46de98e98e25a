using System.Text.Json;

namespace Workflow.Execution;

/// <summary>Follows a dotted path such as <c>result.items</c> into a JSON value.</summary>
internal static class MapPath
{
    public static bool TryResolve(JsonElement? root, string? path, out JsonElement value, out string found)
    {
        value = root ?? default;
        found = root is null ? "no output" : value.ValueKind.ToString().ToLowerInvariant();
        if (root is null)
        {
            return false;
        }

        if (string.IsNullOrEmpty(path))
        {
            return true;
        }

        foreach (var segment in path.Split('.'))
        {
            if (value.ValueKind != JsonValueKind.Object || !value.TryGetProperty(segment, out var next))
            {
                found = value.ValueKind == JsonValueKind.Object
                    ? $"no property '{segment}'"
                    : $"{value.ValueKind.ToString().ToLowerInvariant()} before '{segment}'";
                return false;
            }

            value = next;
        }

        return true;
    }
}
