namespace Workflow.Validation;

/// <summary>"Did you mean" hints for misspelt ids, by edit distance over a bounded candidate list.</summary>
public static class Suggestions
{
    private const int MaxCandidates = 5_000;

    public static string? Closest(string wrong, IReadOnlyCollection<string> candidates)
    {
        if (candidates.Count > MaxCandidates || wrong.Length > 100)
        {
            return null;
        }

        // Allow about one edit per four characters: short ids are too alike for a guess to help.
        string? best = null;
        var bestDistance = (wrong.Length / 4) + 1;
        if (bestDistance < 2)
        {
            return null;
        }

        foreach (var candidate in candidates)
        {
            var distance = Distance(wrong, candidate, bestDistance);
            if (distance < bestDistance)
            {
                (best, bestDistance) = (candidate, distance);
            }
        }

        return best;
    }

    public static string Hint(string wrong, IReadOnlyCollection<string> candidates, string otherwise) =>
        Closest(wrong, candidates) is { } near ? $"Did you mean '{near}'?" : otherwise;

    // Levenshtein distance with an early exit once every entry of a row reaches the bound.
    private static int Distance(string a, string b, int bound)
    {
        if (Math.Abs(a.Length - b.Length) >= bound)
        {
            return bound;
        }

        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMin = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 1]) ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                rowMin = Math.Min(rowMin, current[j]);
            }

            if (rowMin >= bound)
            {
                return bound;
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
