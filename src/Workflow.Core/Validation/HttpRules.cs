using System.Text.Json;

namespace Workflow.Validation;

/// <summary>
/// The <c>http</c> task's config: an absolute http(s) <c>url</c>, a method token, headers it can send, and
/// well-formed options.
/// </summary>
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
        Headers(config, at);
        if (config.TryGetProperty("async", out var async) &&
            async.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            at.Errors.Add(at.Of("async"), $"'async' is {async.GetRawText()}; it must be true or false.");
        }

        at.Duration(config, "timeout");
        at.Duration(config, "pollInterval");
    }

    /// <summary>
    /// Header names must be tokens and literal values one line: the handler cannot send anything else, and used to
    /// drop such a header without a word.
    /// </summary>
    private static void Headers(JsonElement config, ConfigFields at)
    {
        if (!config.TryGetProperty("headers", out var headers) || headers.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        foreach (var header in headers.EnumerateObject())
        {
            if (!IsToken(header.Name, 256))
            {
                at.Errors.Add(at.Of("headers"), $"'{header.Name}' is not an HTTP header name.",
                    "Use letters, digits and '-', for example \"X-Api-Key\".");
            }
            else if (header.Value.ValueKind == JsonValueKind.String &&
                     header.Value.GetString()!.AsSpan().IndexOfAny('\r', '\n') >= 0)
            {
                at.Errors.Add(at.Of("headers"), $"The value of header '{header.Name}' holds a line break.",
                    "An HTTP header value is one line; remove the line break.");
            }
        }
    }

    // RFC 9110 token characters: what HttpMethod and header names accept without throwing.
    private static bool IsToken(string text, int maxLength = 32) =>
        text.Length > 0 && text.Length <= maxLength &&
        text.All(c => char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c, StringComparison.Ordinal));
}
