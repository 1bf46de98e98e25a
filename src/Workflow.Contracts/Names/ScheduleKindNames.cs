namespace Workflow.Contracts;

/// <summary>
/// The kinds of schedule, as the wire writes them; a string for the reason <see cref="RunStatusNames"/> gives.
/// </summary>
public static class ScheduleKindNames
{
    public const string Cron = "cron";
    public const string Interval = "interval";
    public const string Once = "once";

    /// <summary>Every known kind, in the order of the server's enum.</summary>
    public static IReadOnlyList<string> All { get; } = [Cron, Interval, Once];
}
