namespace Workflow.Validation;

/// <summary>
/// The id rule for pipelines, tasks and pools: 1 to 100 letters, digits, '-', '_' or '.'. Ids appear in run ids,
/// URLs and file names, so they must need no escaping anywhere.
/// </summary>
public static class Identifiers
{
    public const int MaxLength = 100;

    public const string Rule = "Use 1 to 100 letters, digits, '-', '_' or '.'.";

    public static bool IsValid(string? id) => Problem(id) is null;

    /// <summary>Why <paramref name="id"/> is not valid, naming the first bad character; null when it is valid.</summary>
    public static string? Problem(string? id)
    {
        if (string.IsNullOrEmpty(id))
        {
            return "is missing";
        }

        if (id.Length > MaxLength)
        {
            return $"'{id[..20]}…' is {id.Length} characters long";
        }

        foreach (var c in id)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            {
                return $"'{id}' contains '{c}'";
            }
        }

        return null;
    }
}
