using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Workflow.Engine.Logs;
using Workflow.Engine.Storage;
using Workflow.Runtime.Handlers;
using Workflow.Runtime.Handlers.Process;

namespace Workflow.Engine.Runtime;

/// <summary>
/// The parts of the embedded engine wired together: the writer with its group commit, the dispatcher and its
/// pools, the lease keeper, the timers and the observers. <see cref="StartAsync"/> migrates the schema, rebuilds
/// the active runs from snapshots and events, re-queues the work that was in flight and arms the timers.
/// </summary>
internal sealed class EngineRuntime : IAsyncDisposable
{
    private readonly MigrationRunner _migrations;
    private readonly DataDirectoryLock _directoryLock;
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _loops = [];
    private readonly Lock _stopGate = new();
    private Task? _stop;
    private SqliteConnection? _connection;
    private SqliteConnection? _readConnection;
    private HotStatements? _statements;
    private long _sequence;

    public EngineRuntime(IOptions<EngineOptions> options, TimeProvider time, ILoggerFactory loggers, SqliteStore store,
        HandlerRegistry handlers, TaskAttemptExecutor executor, LogStore logs, IEnumerable<IRunObserver> observers,
        IEnumerable<Migration> migrations, DataDirectoryLock directoryLock)
    {
        _directoryLock = directoryLock;
        Options = options.Value;
        Time = time;
        Logger = loggers.CreateLogger("Workflow.Engine");
        Store = store;
        Handlers = handlers;
        Logs = logs;
        Executor = executor;
        _migrations = new MigrationRunner(EngineSchema.Migrations.Concat(migrations).Distinct(),
            loggers.CreateLogger<MigrationRunner>());
        Writer = new WriteLoop(Logger, Options.MaxBatchSize, time, Options.StoreBusyRetries);
        FinalSnapshots = new FinalSnapshots(this);
        Dispatcher = new Dispatcher(Options, Leases, handlers, time);
        Timers = new TimerService(time);
        Observers = new ObserverPump(observers.ToList(), Logger);
        LeaseKeeper = new LeaseKeeper(Leases, Dispatcher, Options, time, Logger);
        Checkpoints = new WalCheckpointer(Options, time, Logger, store.BusyTimeout);
    }

    public EngineOptions Options { get; }
    public TimeProvider Time { get; }
    public ILogger Logger { get; }
    public SqliteStore Store { get; }
    public HandlerRegistry Handlers { get; }
    public LogStore Logs { get; }
    public TaskAttemptExecutor Executor { get; }
    public WriteLoop Writer { get; }

    /// <summary>The final snapshots of ended runs, saved after their end.</summary>
    public FinalSnapshots FinalSnapshots { get; }
    public Dispatcher Dispatcher { get; }
    public TimerService Timers { get; }
    public LeaseTable Leases { get; } = new();
    public LeaseKeeper LeaseKeeper { get; }
    public ObserverPump Observers { get; }

    /// <summary>Checkpoints the WAL off the commit thread (when <see cref="EngineOptions.BackgroundWalCheckpoints"/>).</summary>
    public WalCheckpointer Checkpoints { get; }
    public RunWaiters Waiters { get; } = new();
    public ChildPlans ChildPlans { get; } = new();

    /// <summary>The runs being driven, by id. Only the writer reads or changes this.</summary>
    public Dictionary<string, ActiveRun> Runs { get; } = new(StringComparer.Ordinal);

    public bool Started { get; private set; }

    public long NextSequence() => ++_sequence;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (Started)
        {
            return;
        }

        // Before the first write: a second host on this directory stops here, having changed nothing.
        _directoryLock.Acquire();
        // Before redelivery: what a crashed host's process tasks left running must not run beside their retry.
        if (ProcessOrphans.Kill(Store.DataDirectory) is > 0 and var orphans)
        {
            Log.OrphansKilled(Logger, orphans, Store.DataDirectory);
        }

        _connection = await Store.OpenWriteConnectionAsync(!Checkpoints.Enabled, cancellationToken);
        if (!Options.Durable)
        {
            await SqliteStore.ExecuteAsync(_connection, "PRAGMA synchronous = OFF;", cancellationToken);
        }

        await _migrations.ApplyAsync(_connection, UnixTime.ToMs(Time.GetUtcNow()), cancellationToken);
        _statements = new HotStatements(_connection, Options.Durable);
        _readConnection = await Store.OpenReadConnectionAsync(cancellationToken);
        var context = new WriteContext(_connection, _readConnection, _statements, this);
        var recovery = new RecoveryOp();
        if (Checkpoints.Enabled)
        {
            Checkpoints.Start(await Store.OpenReadConnectionAsync(cancellationToken));
        }

        Writer.Post(recovery);
        Writer.Start(context);
        _loops.Add(Writer.Stopped);
        var recovered = await recovery.Result.WaitAsync(cancellationToken);
        Log.Recovered(Logger, recovered.Runs, recovered.WorkItems, recovered.Timers);
        _loops.Add(Task.Run(() => Timers.RunAsync(_stopping.Token), CancellationToken.None));
        _loops.Add(Task.Run(() => LeaseKeeper.RunAsync(_stopping.Token), CancellationToken.None));
        _loops.Add(DedicatedThread.Run("workflow-observers", Observers.RunAsync));
        var runner = new AttemptRunner(this);
        Dispatcher.Start(runner.RunAsync);
        Started = true;
    }

    /// <summary>
    /// Stops once: a second caller while the stop runs (a host's own shutdown beside the one its owner asked for, then
    /// its disposal) waits for the same stop instead of returning early and letting the resources go under it. The
    /// stop itself ignores the callers' tokens (it gives its loops a grace period of its own), so a caller that stops
    /// waiting cannot end it early for the disposal that waits behind it.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        Task stop;
        lock (_stopGate)
        {
            if (Started)
            {
                Started = false;
                _stop = Task.Run(StopOnceAsync, CancellationToken.None);
            }

            stop = _stop ?? Task.CompletedTask;
        }

        try
        {
            await stop.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Log.StopTimedOut(Logger);
        }
    }

    private async Task StopOnceAsync()
    {
        // Close the writer before cancelling handlers: an attempt stopped by shutdown must not be recorded as
        // cancelled. It stays queued in the store and runs again after the restart.
        Dispatcher.Stop();
        await FinalSnapshots.PostedAsync().WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        Writer.Complete();
        foreach (var lease in Leases.Snapshot())
        {
            lease.Cancel();
        }

        await _stopping.CancelAsync();
        Observers.Complete();
        try
        {
            await Task.WhenAll(_loops).WaitAsync(TimeSpan.FromSeconds(10));
            // After the writer's last commit: the checkpointer's last checkpoint sees every page of it.
            await Checkpoints.StopAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (TimeoutException)
        {
            Log.StopTimedOut(Logger);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None);
        _statements?.Dispose();
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }

        if (_readConnection is not null)
        {
            await _readConnection.DisposeAsync();
        }

        _stopping.Dispose();
    }
}
