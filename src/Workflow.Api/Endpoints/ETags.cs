namespace Workflow.Api.Endpoints;

/// <summary>ETags of pipeline versions: <c>"v{version}"</c>, so If-Match names the version a change replaces.</summary>
public static class ETags
{
    public static string For(int version) => $"\"v{version}\"";

    /// <summary>Whether an If-Match value matches <paramref name="version"/>; <c>*</c> matches any.</summary>
    public static bool Matches(string ifMatch, int version)
    {
        foreach (var part in ifMatch.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var tag = part.StartsWith("W/", StringComparison.Ordinal) ? part[2..] : part;
            if (tag == "*" || tag == For(version))
            {
                return true;
            }
        }

        return false;
    }
}
