namespace Workflow.Validation;

/// <summary>
/// The id rule for pipelines, tasks and pools: 1 to 100 letters, digits, '-', '_' or '.', and not dots alone. Ids
/// appear in run ids, URLs and file names, so they must need no escaping anywhere and never read as <c>.</c> or
/// <c>..</c>. Owner groups come from identity providers (names with spaces, GUIDs), so their rule is looser but
/// just as path-safe.
/// </summary>
public static class Identifiers
{
    public const int MaxLength = 100;

    public const string Rule = "Use 1 to 100 letters, digits, '-', '_' or '.', with at least one that is not '.'.";

    public const string GroupRule =
        "Use 1 to 100 characters without '/', '\\', control characters or surrounding spaces, and not dots alone.";

    public static bool IsValid(string? id) => Problem(id) is null;

    /// <summary>Why <paramref name="id"/> is not valid, naming the first bad character; null when it is valid.</summary>
    public static string? Problem(string? id) =>
        Check(id, c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'));

    /// <summary>Why <paramref name="group"/> is not a valid owner group; null when it is valid.</summary>
    public static string? GroupProblem(string? group) =>
        Check(group, c => char.IsControl(c) || c is '/' or '\\') ??
        (group!.Trim() != group ? $"'{group}' starts or ends with a space" : null);

    private static string? Check(string? text, Func<char, bool> refused)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "is missing";
        }

        if (text.Length > MaxLength)
        {
            return $"'{Printable(text[..20])}…' is {text.Length} characters long";
        }

        foreach (var c in text)
        {
            if (refused(c))
            {
                return $"'{Printable(text)}' contains {Describe(c)}";
            }
        }

        return DotsOnly(text) ? $"'{text}' is made of dots only, which a path reads as a folder" : null;
    }

    private static bool DotsOnly(string text) => text.AsSpan().Trim('.').IsEmpty;

    private static string Describe(char c) =>
        char.IsControl(c) ? $"the control character U+{(int)c:X4}" : $"'{c}'";

    // Control characters would garble a message or a log line, so they are shown as '?'.
    private static string Printable(string text) =>
        string.Create(text.Length, text, (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = char.IsControl(source[i]) ? '?' : source[i];
            }
        });
}
