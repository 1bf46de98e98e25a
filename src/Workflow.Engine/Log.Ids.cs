namespace Workflow.Engine;

internal static partial class Log
{
    /// <summary>
    /// The engine's event ids, one constant each, never reused for another message: 4001–4499 the engine,
    /// 4500–4549 scheduling, 4550–4579 gated starts (backfills, queued runs), 6001–6099 alerts and SLA (log-based
    /// alert rules key on these). The ids of the handlers and the tick (4007, 4014, 4500, 4501, 4503, 4504) moved
    /// with them to Workflow.Runtime's log, and are not reused here.
    /// </summary>
    internal static class Ids
    {
        public const int MigrationApplied = 4001;
        public const int Recovered = 4002;
        public const int StoreFailed = 4003;
        public const int WriteOpFailed = 4004;
        public const int LeaseExpired = 4005;
        public const int LateCompletionIgnored = 4006;
        public const int ObserverFailed = 4008;
        public const int StopTimedOut = 4009;
        public const int SnapshotUnreadable = 4010;
        public const int ChildPipelineMissing = 4011;
        public const int Purged = 4012;
        public const int PurgeFailed = 4013;
        public const int OrphansKilled = 4015;
        public const int Swept = 4016;
        public const int MigrationStarting = 4017;
        public const int SnapshotNotSaved = 4018;
        public const int StoreBusy = 4030;
        public const int WalCheckpointFailed = 4031;
        public const int WalCheckpointedOnCommit = 4032;
        public const int ChildParametersRefused = 4040;
        public const int ChildPipelineRefused = 4041;
        public const int TickFailed = 4502;
        public const int StartGateFailed = 4550;
        public const int BackfillStarted = 4551;
        public const int QueuedRunStarted = 4552;
        public const int BackfillRunRefused = 4553;
        public const int AlertRaised = 6001;
        public const int AlertCleared = 6002;
        public const int AlertDelivered = 6003;
        public const int AlertDeliveryFailed = 6004;
        public const int SlaMonitorFailed = 6005;
        public const int DeliveryLoopFailed = 6006;
        public const int BacklogCheckFailed = 6007;
        public const int OtlpExporting = 6008;
        public const int TaskAlertRaised = 6009;
    }
}
