using System.Text.Json;

namespace Workflow.Cli.Api;

/// <summary>
/// A stored definition with the ETag that a later PUT must send back in If-Match. The definition stays JSON: wf sends
/// and shows it as the user wrote it and leaves the definition format to the server.
/// </summary>
public sealed record StoredPipeline(JsonElement Definition, string? ETag);

/// <summary>
/// The answer to a create or update, read from its headers: the new ETag, where the pipeline lives, and the server's
/// warnings about what was saved (none from a server older than them).
/// </summary>
public sealed record ApplyResult(bool Created, string? ETag, Uri? Location, IReadOnlyList<string> Warnings)
{
    /// <summary>
    /// The texts of the answer's <c>Warning: 299 - "text"</c> headers, unquoted: what the server accepted but wants
    /// the author to know.
    /// </summary>
    public static IReadOnlyList<string> WarningsOf(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return [.. response.Headers.Warning.Select(w => Unquoted(w.Text))];
    }

    private static string Unquoted(string quoted)
    {
        var inner = quoted.Length >= 2 && quoted[0] == '"' && quoted[^1] == '"' ? quoted[1..^1] : quoted;
        var text = new System.Text.StringBuilder(inner.Length);
        for (var i = 0; i < inner.Length; i++)
        {
            text.Append(inner[i] == '\\' && i + 1 < inner.Length ? inner[++i] : inner[i]);
        }

        return text.ToString();
    }
}
