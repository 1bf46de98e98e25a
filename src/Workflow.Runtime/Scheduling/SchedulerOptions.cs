namespace Workflow.Runtime.Scheduling;

/// <summary>Settings of the schedule tick, bound from <c>Workflow:Scheduler</c>.</summary>
public sealed class SchedulerOptions
{
    public const string Section = "Workflow:Scheduler";

    /// <summary>Turns the tick off, for example on a read-only replica.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often due occurrences are looked for; also the worst extra start latency.</summary>
    public TimeSpan TickInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The grace of the catch-up policy: an occurrence younger than this when a tick sees it is on time (merely late
    /// by a tick or a busy machine) and always fires; older ones were missed and the schedule's policy decides.
    /// </summary>
    public TimeSpan MisfireThreshold { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How many pipelines one tick starts runs for at the same time.</summary>
    public int MaxParallelStarts { get; set; } = 32;

    /// <summary>
    /// The most occurrences of one schedule a tick looks at, the newest ones, so a years-old watermark cannot stall it.
    /// </summary>
    public int MaxOccurrencesPerTick { get; set; } = 1000;

    /// <summary>How many due schedules one tick takes from the next-due index; the rest are due for the next tick.</summary>
    public int MaxDueSchedulesPerTick { get; set; } = 10_000;

    /// <summary>The actor written on scheduled runs.</summary>
    public string Actor { get; set; } = "scheduler";
}
