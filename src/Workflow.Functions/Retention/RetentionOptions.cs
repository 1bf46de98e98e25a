using Workflow.Model;

namespace Workflow.Functions.Retention;

/// <summary>The retention purge's settings; bound from <c>Workflow:Retention</c> (app settings <c>Workflow__Retention__*</c>).</summary>
public sealed class RetentionOptions
{
    public const string Section = "Workflow:Retention";

    /// <summary>How long finished runs are kept when a pipeline sets no retention.</summary>
    public TimeSpan DefaultRetention { get; set; } = RetentionCutoffs.DefaultRetention;

    /// <summary>At most this many runs are purged per pass, so one timer invocation stays short; the next pass goes on.</summary>
    public int MaxRunsPerPass { get; set; } = 500;

    /// <summary>
    /// How often the retention pass lists every definitions blob again for the pipelines deleted without a deletion
    /// mark (by an older build in a mixed deployment, after the marks were first built); between listings it reads
    /// only the marks.
    /// </summary>
    public TimeSpan UnmarkedDeletionsRescan { get; set; } = TimeSpan.FromDays(1);
}
