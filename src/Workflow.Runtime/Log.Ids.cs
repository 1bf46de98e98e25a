namespace Workflow.Runtime;

internal static partial class Log
{
    /// <summary>
    /// The event ids of this project, one constant each, never reused for another message. They lie in the engine's
    /// ranges (4001–4499 the engine, 4500–4549 scheduling), where they were before the handlers and the tick moved
    /// here; the engine's own list leaves them out.
    /// </summary>
    internal static class Ids
    {
        public const int HandlerThrew = 4007;
        public const int ProcessKilled = 4014;
        public const int TickDone = 4500;
        public const int ScheduleFailed = 4501;
        public const int OccurrenceSkipped = 4503;
        public const int CatchUpBounded = 4504;
    }
}
