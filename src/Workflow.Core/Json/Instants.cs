using System.Globalization;

namespace Workflow.Json;

/// <summary>
/// The one reading of an instant a user writes: ISO 8601 with a date, a time and an explicit offset (<c>Z</c> or
/// <c>+01:00</c>). Without an offset .NET reads the text in the host machine's zone, so the same definition would
/// fire at a different instant on each host; such a value is refused where it is written instead.
/// </summary>
public static class Instants
{
    public const string Hint =
        "Write an ISO 8601 instant with its offset, like \"2026-01-01T02:00:00Z\" or \"2026-01-01T03:00:00+01:00\".";

    public static bool TryParse(string? text, out DateTimeOffset value)
    {
        value = default;
        return text is { Length: >= 20 } && text[10] is 'T' or 't' &&
               (text[^1] is 'Z' or 'z' || text[^6] is '+' or '-') &&
               DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out value);
    }
}
