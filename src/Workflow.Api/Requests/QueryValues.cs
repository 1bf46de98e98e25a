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
    public static bool TryInt(HttpContext http, string name, int min, int max, out int? value, out IResult problem)
    {
        ArgumentNullException.ThrowIfNull(http);
        value = null;
        problem = null!;
        var text = http.Request.Query[name].ToString();
        if (text.Length == 0)
        {
            return true;
        }

        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) &&
            parsed >= min && parsed <= max)
        {
            value = parsed;
            return true;
        }

        problem = ApiProblems.BadRequest($"Query parameter '{name}' is '{text}'.", name,
            $"'{name}' must be a whole number from {min} to {max}.", $"For example ?{name}={Math.Min(max, 10)}.");
        return false;
    }

    public static bool TryLong(HttpContext http, string name, out long? value, out IResult problem)
    {
        ArgumentNullException.ThrowIfNull(http);
        value = null;
        problem = null!;
        var text = http.Request.Query[name].ToString();
        if (text.Length == 0)
        {
            return true;
        }

        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed))
        {
            value = parsed;
            return true;
        }

        problem = ApiProblems.BadRequest($"Query parameter '{name}' is '{text}'.", name,
            $"'{name}' must be a whole number.", null);
        return false;
    }

    public static bool TryInstant(HttpContext http, string name, out DateTimeOffset? value, out IResult problem)
    {
        ArgumentNullException.ThrowIfNull(http);
        value = null;
        problem = null!;
        var text = http.Request.Query[name].ToString();
        if (text.Length == 0)
        {
            return true;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            value = parsed;
            return true;
        }

        problem = ApiProblems.BadRequest($"Query parameter '{name}' is '{text}'.", name,
            $"'{name}' must be an ISO 8601 instant.", $"For example ?{name}=2026-01-05T00:00:00Z.");
        return false;
    }
}
