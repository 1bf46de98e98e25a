namespace Workflow.Sla;

/// <summary>How much history the estimator looks at and what it assumes without any.</summary>
public sealed class DurationEstimatorOptions
{
    /// <summary>The most recent successful durations considered; older ones no longer describe the task.</summary>
    public int Window { get; set; } = 30;

    /// <summary>Fewer samples than this are not trusted for a p95; the configured value is used instead.</summary>
    public int MinSamples { get; set; } = 5;

    /// <summary>The estimate of a task with neither history nor a configured expectation.</summary>
    public TimeSpan Default { get; set; } = TimeSpan.FromMinutes(5);
}
