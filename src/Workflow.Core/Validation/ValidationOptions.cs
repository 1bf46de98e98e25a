namespace Workflow.Validation;

/// <summary>Limits and host facts that validation checks against; bound from configuration by the hosts.</summary>
public sealed class ValidationOptions
{
    /// <summary>The most tasks one pipeline may have.</summary>
    public int MaxTasks { get; set; } = 100_000;

    /// <summary>The largest definition accepted, in UTF-8 bytes of its JSON form.</summary>
    public long MaxDefinitionBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>Validation stops adding errors past this many, so a broken generator cannot flood a response.</summary>
    public int MaxErrors { get; set; } = 200;

    /// <summary>The task kinds the host has handlers for; when empty, kinds are not checked.</summary>
    public ISet<string> TaskKinds { get; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>
    /// Whether a code handler is registered under a name, for <c>code</c> and <c>queue-drain</c> tasks; null
    /// leaves handler names unchecked, for a caller that cannot know them.
    /// </summary>
    public Func<string, bool>? CodeHandlerExists { get; set; }

    /// <summary>
    /// Whether a pipeline exists, belongs to the definition's group (<see cref="Security.ChildPipelineAccess"/>) and
    /// the author may run it as a child, for <c>sub-pipeline</c> tasks; null leaves children unchecked.
    /// </summary>
    public Func<string, bool>? PipelineExists { get; set; }

    public int MaxRetryAttempts { get; set; } = 100;

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromDays(1);

    public double MaxBackoffCoefficient { get; set; } = 100;

    public TimeSpan MaxTimeout { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Returns these options with the given task kinds registered.</summary>
    public ValidationOptions WithTaskKinds(params IEnumerable<string> kinds)
    {
        foreach (var kind in kinds)
        {
            TaskKinds.Add(kind);
        }

        return this;
    }
}
