namespace Workflow.Secrets;

/// <summary>
/// Replaces every occurrence of the resolved secret values of an attempt with <c>***</c>: in each log line, the
/// failure message and the output's strings. A multi-line value is also masked line by line, since a process
/// writes its output one line at a time. Longer values are replaced first, so a value that contains another is
/// masked whole.
/// </summary>
public sealed class SecretMask
{
    public const string Placeholder = "***";

    private readonly string[] _values;

    public SecretMask(IEnumerable<string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        _values = values
            .SelectMany(v => v.Split('\n').Select(line => line.TrimEnd('\r')).Prepend(v))
            .Where(v => v.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .OrderByDescending(v => v.Length)
            .ToArray();
    }

    /// <summary>A mask that changes nothing (no secret was referenced).</summary>
    public static SecretMask None { get; } = new([]);

    public bool IsEmpty => _values.Length == 0;

    public string Apply(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var value in _values)
        {
            text = text.Replace(value, Placeholder, StringComparison.Ordinal);
        }

        return text;
    }
}
