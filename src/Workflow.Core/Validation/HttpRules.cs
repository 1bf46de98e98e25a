using System.Text.Json;

namespace Workflow.Validation;

/// <summary>The <c>http</c> task's config: an absolute http(s) <c>url</c>, a method token, and well-formed options.</summary>
internal static class HttpRules
{
    public static void Check(JsonElement config, ConfigFields at)
    {
        if (at.RequiredString(config, "url", "the address to call, for example \"https://example.com/api\"") is { } url &&
            !Parameters.Templates.HasTemplates(url) &&
            !(Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
        {
            at.Errors.Add(at.Of("url"), $"'{url}' is not an absolute http or https URL.",
                "Give the full address, for example \"https://example.com/api\".");
        }

        if (config.TryGetProperty("method", out var method) &&
            !(method.ValueKind == JsonValueKind.String && IsToken(method.GetString()!)))
        {
            at.Errors.Add(at.Of("method"), $"'method' is {method.GetRawText()}, which is not an HTTP method.",
                "Use GET, POST, PUT, PATCH or DELETE.");
        }

        at.Kind(config, "headers", JsonValueKind.Object);
        if (config.TryGetProperty("async", out var async) &&
            async.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            at.Errors.Add(at.Of("async"), $"'async' is {async.GetRawText()}; it must be true or false.");
        }

        at.Duration(config, "timeout");
        at.Duration(config, "pollInterval");
    }

    // RFC 9110 token characters: what HttpMethod accepts without throwing.
    private static bool IsToken(string text) =>
        text.Length is > 0 and <= 32 &&
        text.All(c => char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c, StringComparison.Ordinal));
}
