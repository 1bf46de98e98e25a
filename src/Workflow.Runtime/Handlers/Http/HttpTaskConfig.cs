using System.Globalization;
using System.Text.Json;
using Workflow.Json;

namespace Workflow.Runtime.Handlers.Http;

/// <summary>
/// The <c>http</c> task's config: <c>method</c>, <c>url</c>, <c>headers</c>, <c>body</c> (a string is sent as
/// it is, anything else as JSON), <c>timeout</c> per request, and <c>async</c> for the 202 + Location polling flow.
/// </summary>
internal sealed record HttpTaskConfig(string Method, Uri Url, IReadOnlyDictionary<string, string> Headers,
    JsonElement? Body, TimeSpan Timeout, bool Async, TimeSpan PollInterval)
{
    public static HttpTaskConfig Parse(string taskId, JsonElement? config)
    {
        if (config is not { ValueKind: JsonValueKind.Object } c)
        {
            throw Invalid(taskId, "config", "is missing; give at least {\"url\": \"https://…\"}");
        }

        var urlText = c.TryGetProperty("url", out var u) ? u.GetString() : null;
        if (!Uri.TryCreate(urlText, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            throw Invalid(taskId, "config.url", $"'{urlText}' is not an absolute http(s) URL");
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (c.TryGetProperty("headers", out var h) && h.ValueKind == JsonValueKind.Object)
        {
            foreach (var header in h.EnumerateObject())
            {
                headers[header.Name] = header.Value.ValueKind == JsonValueKind.String
                    ? header.Value.GetString()!
                    : header.Value.GetRawText();
            }
        }

        return new HttpTaskConfig(
            c.TryGetProperty("method", out var m) && m.GetString() is { Length: > 0 } method
                ? method.ToUpperInvariant() : "GET",
            url,
            headers,
            c.TryGetProperty("body", out var body) ? body : null,
            DurationOf(taskId, c, "timeout") ?? TimeSpan.FromSeconds(100),
            c.TryGetProperty("async", out var a) && a.ValueKind == JsonValueKind.True,
            DurationOf(taskId, c, "pollInterval") ?? TimeSpan.FromSeconds(5));
    }

    private static TimeSpan? DurationOf(string taskId, JsonElement config, string name)
    {
        if (!config.TryGetProperty(name, out var value))
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number)
        {
            return TimeSpan.FromSeconds(value.GetDouble());
        }

        return value.ValueKind == JsonValueKind.String && Duration.TryParse(value.GetString()!, out var span)
            ? span
            : throw Invalid(taskId, $"config.{name}", $"'{value}' is not a duration; write it like \"30s\"");
    }

    private static TaskFailureException Invalid(string taskId, string field, string problem) =>
        new(Model.ErrorKinds.InvalidInput, string.Create(CultureInfo.InvariantCulture,
            $"Task '{taskId}': {field} {problem}."));
}
