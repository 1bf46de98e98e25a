using System.Globalization;
using Microsoft.AspNetCore.Http;
using Workflow.Api.Problems;

namespace Workflow.Api.Requests;

/// <summary>
/// Parses query-string values by hand so that a bad one answers a 400 naming the parameter, the value and the
/// range, instead of the framework's bare 400.
/// </summary>
public static class QueryValues
{
    public static bool TryInt(HttpContext http, string name, int min, int max, out int? value, out IResult problem) =>
        TryParse(http, name, text =>
                int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) &&
                parsed >= min && parsed <= max
                    ? parsed
                    : null,
            $"'{name}' must be a whole number from {min} to {max}.", $"For example ?{name}={Math.Min(max, 10)}.",
            out value, out problem);

    public static bool TryLong(HttpContext http, string name, long min, string? example, out long? value,
        out IResult problem) =>
        TryParse(http, name, text =>
                long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) &&
                parsed >= min
                    ? parsed
                    : (long?)null,
            $"'{name}' must be a whole number from {min}.", example ?? $"For example ?{name}={min}.", out value,
            out problem);

    public static bool TryInstant(HttpContext http, string name, out DateTimeOffset? value, out IResult problem) =>
        TryParse(http, name, text =>
                DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture,
                    DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed)
                    ? parsed
                    : (DateTimeOffset?)null,
            $"'{name}' must be an ISO 8601 instant.", $"For example ?{name}=2026-01-05T00:00:00Z.",
            out value, out problem);

    /// <summary>An absent or empty parameter is fine (null); one <paramref name="parse"/> refuses is a 400.</summary>
    private static bool TryParse<T>(HttpContext http, string name, Func<string, T?> parse, string rule,
        string? example, out T? value, out IResult problem)
        where T : struct
    {
        ArgumentNullException.ThrowIfNull(http);
        value = null;
        problem = null!;
        var text = http.Request.Query[name].ToString();
        if (text.Length == 0)
        {
            return true;
        }

        value = parse(text);
        if (value is not null)
        {
            return true;
        }

        problem = ApiProblems.BadRequest($"Query parameter '{name}' is '{text}'.", name, rule, example);
        return false;
    }
}
