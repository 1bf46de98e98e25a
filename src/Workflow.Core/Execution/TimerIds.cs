namespace Workflow.Execution;

/// <summary>
/// The ids of the decider's timers, unique within a run: <c>{taskKey}/{purpose}/{attempt}</c>. A shell that must
/// find the timeout timer of an attempt it delivers (to count the timeout from the delivery) names it the same way.
/// </summary>
public static class TimerIds
{
    public static string For(string taskKey, TimerPurpose purpose, int attempt) => purpose switch
    {
        TimerPurpose.Retry => $"{taskKey}/retry/{attempt}",
        TimerPurpose.Timeout => $"{taskKey}/timeout/{attempt}",
        _ => $"{taskKey}/delay/{attempt}",
    };
}
