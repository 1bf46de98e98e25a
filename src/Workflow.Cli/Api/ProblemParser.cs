using System.Globalization;
using System.Text.Json;

namespace Workflow.Cli.Api;

/// <summary>
/// Turns an error response into a <see cref="Problem"/>. Accepts the agreed <c>errors</c> array of
/// <c>{path, message, hint}</c> and also ASP.NET's dictionary form (<c>{"field": ["message"]}</c>), and falls back
/// to the status line and a short excerpt of the body when the answer is not problem+json at all.
/// </summary>
public static class ProblemParser
{
    private const int MaxBodyExcerpt = 300;

    public static Problem Parse(int status, string? reasonPhrase, string? body)
    {
        if (!string.IsNullOrWhiteSpace(body))
        {
            try
            {
                using var document = JsonDocument.Parse(body);
                if (document.RootElement.ValueKind == JsonValueKind.Object)
                {
                    return FromJson(status, reasonPhrase, document.RootElement);
                }
            }
            catch (JsonException)
            {
                // Not JSON: a proxy page or plain text. Shown below as an excerpt.
            }
        }

        var excerpt = string.IsNullOrWhiteSpace(body) ? null : Excerpt(body.Trim());
        return new Problem(status, reasonPhrase, excerpt, []);
    }

    private static Problem FromJson(int status, string? reasonPhrase, JsonElement root)
    {
        var title = Text(root, "title") ?? reasonPhrase;
        var detail = Text(root, "detail") ?? Text(root, "message") ?? Text(root, "error");
        if (root.TryGetProperty("status", out var s) && s.ValueKind == JsonValueKind.Number && s.TryGetInt32(out var n))
        {
            status = n;
        }

        var errors = new List<FieldError>();
        if (root.TryGetProperty("errors", out var list))
        {
            ReadErrors(list, errors);
        }

        return new Problem(status, title, detail, errors);
    }

    private static void ReadErrors(JsonElement list, List<FieldError> errors)
    {
        if (list.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in list.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.Object)
                {
                    var message = Text(item, "message") ?? Text(item, "detail") ?? item.GetRawText();
                    errors.Add(new FieldError(Text(item, "path") ?? Text(item, "field"), message, Text(item, "hint")));
                }
                else if (item.ValueKind == JsonValueKind.String)
                {
                    errors.Add(new FieldError(null, item.GetString()!, null));
                }
            }
        }
        else if (list.ValueKind == JsonValueKind.Object)
        {
            foreach (var field in list.EnumerateObject())
            {
                var messages = field.Value.ValueKind == JsonValueKind.Array
                    ? field.Value.EnumerateArray().Select(m => m.ValueKind == JsonValueKind.String ? m.GetString()! : m.GetRawText())
                    : [field.Value.ValueKind == JsonValueKind.String ? field.Value.GetString()! : field.Value.GetRawText()];
                errors.AddRange(messages.Select(m => new FieldError(field.Name, m, null)));
            }
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) ? value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        } : null;

    private static string Excerpt(string body)
    {
        var oneLine = body.ReplaceLineEndings(" ");
        return oneLine.Length <= MaxBodyExcerpt
            ? oneLine
            : string.Create(CultureInfo.InvariantCulture, $"{oneLine[..MaxBodyExcerpt]}…");
    }
}
