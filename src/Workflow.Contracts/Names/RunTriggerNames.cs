namespace Workflow.Contracts;

/// <summary>
/// What started a run, as the wire writes it; a string for the reason <see cref="RunStatusNames"/> gives.
/// </summary>
public static class RunTriggerNames
{
    public const string Schedule = "schedule";
    public const string Manual = "manual";
    public const string Api = "api";
    public const string Parent = "parent";
    public const string Rerun = "rerun";
    public const string Backfill = "backfill";

    /// <summary>Every known trigger, in the order of the server's enum.</summary>
    public static IReadOnlyList<string> All { get; } = [Schedule, Manual, Api, Parent, Rerun, Backfill];
}
