using System.Globalization;
using Workflow.Json;

namespace Workflow.Validation;

/// <summary>
/// The bounds of a definition's free-ranging fields: descriptions, <c>maxParallelTasks</c>, a delay task's
/// duration and retention. Validation reports a value out of bounds at its path and the C# builder throws an
/// <see cref="ArgumentException"/>; both take the bound and its words from here. A stored definition that predates a
/// bound keeps passing while the field is unchanged (<see cref="PipelineValidator.Validate(Model.PipelineDefinition, Model.PipelineDefinition?)"/>).
/// Each method returns what is wrong, or null when the value is within bounds.
/// </summary>
public static class DefinitionLimits
{
    /// <summary>
    /// The longest description, in UTF-16 characters: room for a few paragraphs (AWS Glue allows 2,048 for a job's
    /// description, Lambda 256); the description is shown in every pipeline list, so a longer text belongs in a
    /// document it links to.
    /// </summary>
    public const int MaxDescriptionLength = 2_048;

    /// <summary>
    /// The most tasks of one run at once. The worker pools hold far fewer (the embedded host's <c>io</c> pool has 64),
    /// so a larger number only hides a typo; 10,000 is Step Functions' ceiling for a distributed map's concurrency.
    /// </summary>
    public const int MaxParallelTasks = 10_000;

    /// <summary>
    /// The longest delay task: a year, the longest a Step Functions execution, and so its Wait state, may last. A
    /// later instant is a <c>wait-until</c> task's, or a schedule's.
    /// </summary>
    public static readonly TimeSpan MaxDelay = TimeSpan.FromDays(365);

    /// <summary>
    /// The shortest retention: the retention purge's default interval. The purge runs that often, so a shorter
    /// retention is not kept to (a run would be deleted anywhere up to an hour after it ended), and a run deleted
    /// seconds after it failed is gone before anyone can read why.
    /// </summary>
    public static readonly TimeSpan MinRetention = TimeSpan.FromHours(1);

    /// <summary>
    /// The longest retention: ten years, within Azure Monitor's twelve; a longer record belongs in an archive. Far
    /// larger values (millions of days) would put the purge's cutoff before the first representable instant.
    /// </summary>
    public static readonly TimeSpan MaxRetention = TimeSpan.FromDays(3_650);

    /// <summary>The hint for a description that is too long.</summary>
    public const string DescriptionHint = "Keep a summary here and link to a longer document.";

    public static string? Description(string? description) => description is { Length: > MaxDescriptionLength }
        ? string.Create(CultureInfo.InvariantCulture,
            $"The description is {description.Length:N0} characters; the limit is {MaxDescriptionLength:N0}.")
        : null;

    public static string? ParallelTasks(int tasks) => tasks is < 1 or > MaxParallelTasks
        ? string.Create(CultureInfo.InvariantCulture,
            $"maxParallelTasks is {tasks}; it must be 1 to {MaxParallelTasks:N0}.")
        : null;

    /// <summary>A delay task's <c>config.duration</c>.</summary>
    public static string? Delay(TimeSpan delay) => delay < TimeSpan.Zero || delay > MaxDelay
        ? $"'config.duration' is {Duration.Format(delay)}; a delay must be 0s to {Duration.Format(MaxDelay)}."
        : null;

    /// <summary>The hint for a delay that is too long.</summary>
    public const string DelayHint = "Wait for a later instant with a wait-until task, or start the work on a schedule.";

    /// <summary><c>retention.runs</c> or <c>retention.logs</c>, named by <paramref name="field"/>.</summary>
    public static string? Retention(string field, TimeSpan value) => value < MinRetention || value > MaxRetention
        ? $"{field} is {Duration.Format(value)}; it must be {Duration.Format(MinRetention)} to " +
          $"{Duration.Format(MaxRetention)}."
        : null;

    /// <summary>The hint for a retention out of bounds.</summary>
    public const string RetentionHint =
        "The purge runs hourly, so a shorter retention is not kept to; for example \"runs\": \"90d\".";

    /// <summary>For the builder: throws when <paramref name="problem"/> is set.</summary>
    internal static void ThrowIf(string? problem, string? hint, string parameter)
    {
        if (problem is not null)
        {
            throw new ArgumentException(hint is null ? problem : $"{problem} {hint}", parameter);
        }
    }
}
