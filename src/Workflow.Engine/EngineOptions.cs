using Workflow.Model;

namespace Workflow.Engine;

/// <summary>
/// Configuration of the embedded engine. Defaults suit one machine: a <c>code</c> pool of fifty workers per core
/// (in-process handlers mostly await I/O), a <c>cpu</c> pool as wide as the cores, an <c>io</c> pool of 64, and
/// group commits of up to 2,048 operations.
/// </summary>
public sealed class EngineOptions
{
    /// <summary>Holds <c>workflow.db</c>, <c>logs/</c> and <c>outputs/</c>. Created when missing.</summary>
    public string DataDirectory { get; set; } = Path.Combine(Environment.CurrentDirectory, "data");

    /// <summary>
    /// Pool capacities by name (which pool a task runs in is <see cref="TaskPools"/>). A pool a
    /// pipeline names that is not listed here gets <see cref="DefaultPoolCapacity"/>.
    /// </summary>
    public Dictionary<string, int> Pools { get; } = new(StringComparer.Ordinal)
    {
        [TaskPools.Code] = CodeWorkersPerCore * Environment.ProcessorCount,
        [TaskPools.Cpu] = Environment.ProcessorCount,
        [TaskPools.Io] = 64,
    };

    /// <summary>
    /// Workers per core of the <c>code</c> pool by default. In-process handlers are async delegates that mostly
    /// await I/O, and a waiting worker holds no thread, so the pool is wide: between Durable Functions' default
    /// activity concurrency (ten per core) and Temporal's workers (hundreds to a thousand concurrent activities
    /// per process). Each worker's delivery start is committed before its handler runs, so the width also bounds
    /// how many operations one durable commit (and its fsync) carries. CPU-bound tasks say <c>"pool": "cpu"</c>.
    /// </summary>
    public const int CodeWorkersPerCore = 50;

    public int DefaultPoolCapacity { get; set; } = 16;

    /// <summary>The most operations (completions, starts, timer firings) committed in one transaction.</summary>
    public int MaxBatchSize { get; set; } = 2048;

    /// <summary>How long a worker's lease on a work item lasts without a heartbeat.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// A decider snapshot is written after at least this many events, or twice the run's task count if larger, and
    /// at the run's end; recovery replays the events after the last one.
    /// </summary>
    public int SnapshotMinEvents { get; set; } = 1000;

    /// <summary>Outputs whose JSON is larger than this are written to a file and passed on by reference.</summary>
    public int OutputInlineLimitBytes { get; set; } = 64 * 1024;

    /// <summary>
    /// How long finished runs, logs and outputs are kept when a pipeline sets no retention; also how long cleared
    /// alerts, delivered webhooks, audit entries and undrained queue messages are kept.
    /// </summary>
    public TimeSpan DefaultRetention { get; set; } = RetentionCutoffs.DefaultRetention;

    /// <summary>How often the retention purge runs (and once at start-up).</summary>
    public TimeSpan PurgeInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// The most rows one purge pass deletes from each table other than the runs' (alerts, webhook deliveries,
    /// audit, queue messages, duration history); a larger backlog is worked off over the next passes.
    /// </summary>
    public int PurgeMaxRowsPerTable { get; set; } = 10_000;

    /// <summary>How many recent durations of a task feed its expected duration.</summary>
    public int DurationHistoryWindow { get; set; } = 20;

    /// <summary>
    /// How long a statement waits for a write lock held by another connection (a second host on the same file, an
    /// operator's sqlite3 shell) before SQLite reports SQLITE_BUSY. The commit thread retries a
    /// busy commit <see cref="StoreBusyRetries"/> more times, each waiting this long again, before it gives up.
    /// </summary>
    public TimeSpan StoreBusyTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How many times the commit thread retries a batch that failed with SQLITE_BUSY or SQLITE_LOCKED.</summary>
    public int StoreBusyRetries { get; set; } = 6;

    /// <summary>
    /// Checkpoint the WAL from a background thread on a connection of its own (PASSIVE, so it never blocks the
    /// writer) instead of letting the commit that grows the WAL past a threshold copy it back into the database
    /// inside that commit. False restores SQLite's auto-checkpoint at 20,000 pages on the commit thread (the old
    /// behaviour, kept for the benchmark's comparison).
    /// </summary>
    public bool BackgroundWalCheckpoints { get; set; } = true;

    /// <summary>
    /// WAL pages the commit thread writes before it wakes the background checkpointer (4,000 pages: 16 MB with
    /// SQLite's 4 KiB pages). Smaller checkpoints finish more often between two commits, which is when the writer
    /// can start the WAL file over from its beginning.
    /// </summary>
    public int WalCheckpointPages { get; set; } = 4_000;

    /// <summary>
    /// The background checkpointer also runs this often when anything was written since its last run, so a host
    /// that writes little still moves its WAL into the database. Zero turns the timer off.
    /// </summary>
    public TimeSpan WalCheckpointInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The WAL's bound, in pages (20,000: 80 MB with 4 KiB pages, where the auto-checkpoint kept it before). Past it
    /// (a steady stream of commits the background checkpoints find no gap in, or a reader pinning old pages), the
    /// commit thread finishes the checkpoint after a commit and starts the WAL over from its beginning; the background
    /// has copied all but the pages written since its last round by then. Keep it above
    /// <see cref="WalCheckpointPages"/>.
    /// </summary>
    public int WalLimitPages { get; set; } = 20_000;

    /// <summary>When false, nothing is written to SQLite: the in-memory ceiling the benchmark compares against.</summary>
    public bool Durable { get; set; } = true;

    /// <summary>
    /// Also keep each run notification (retrying, failed, run ended) as a row in the run's transaction, so that
    /// one not yet seen by the SLA monitor when the host stops is still delivered after the restart. Set by
    /// <c>AddWorkflowAlerts</c>, which creates the table.
    /// </summary>
    public bool RecordNotifications { get; set; }
}
