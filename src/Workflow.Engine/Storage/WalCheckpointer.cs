using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using SQLitePCL;

namespace Workflow.Engine.Storage;

/// <summary>
/// Moves the WAL back into the database off the commit thread. With SQLite's auto-checkpoint, the commit that grows
/// the WAL past its threshold copies every page of it into the database and fsyncs, inside that commit, on the thread
/// every task's start and end waits for. Here the writer's connection has auto-checkpoint off; the commit thread only
/// counts the WAL pages it wrote (<see cref="Committed"/>), and a thread of its own checkpoints on a connection of its
/// own, PASSIVE, which takes no lock the writer waits for.
/// </summary>
/// <remarks>
/// A PASSIVE checkpoint cannot bound the WAL on its own. The writer starts the WAL over from its beginning only when
/// a transaction of its begins with every page already copied and no reader in the WAL. When the host writes in
/// bursts, a background checkpoint finishes between two of them and the next commit starts the WAL over; under a
/// steady stream of group commits (the next one begins microseconds after the last) it never does, and a reader
/// holding an old snapshot stops it short, so the file would grow for as long as that lasts. Past
/// <see cref="EngineOptions.WalLimitPages"/> the commit thread therefore finishes the checkpoint itself after a commit
/// (RESTART: the next commit writes the WAL from its beginning again, so the file stays at about that size). It waits
/// for a background round that ended since its last try (or for the WAL at twice its limit, should the background
/// thread have stopped), so only the pages written during that round are left to copy, not the whole WAL as the
/// auto-checkpoint did. It never waits for readers: while one holds the WAL it answers BUSY at once, and is tried
/// again after a later round. A checkpoint is crash-safe in SQLite (the WAL stays authoritative until it is reset), so
/// none of this changes what a crash can lose.
/// </remarks>
internal sealed class WalCheckpointer
{
    private readonly object _gate = new();
    private readonly EngineOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly int _busyTimeoutMs;
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _pagesWritten;
    private long _walPages;
    private long _background;
    private long _onCommitThread;
    private long _onCommitThreadTicks;
    private bool _wanted;
    private bool _stopping;
    private bool _started;
    private volatile bool _roundEnded;
    private ITimer? _timer;

    public WalCheckpointer(EngineOptions options, TimeProvider time, ILogger logger, TimeSpan busyTimeout)
    {
        _options = options;
        _time = time;
        _logger = logger;
        _busyTimeoutMs = (int)busyTimeout.TotalMilliseconds;
        Enabled = options.BackgroundWalCheckpoints;
    }

    /// <summary>
    /// False when the writer's connection checkpoints by itself (<see cref="EngineOptions.BackgroundWalCheckpoints"/>).
    /// </summary>
    public bool Enabled { get; }

    /// <summary>Checkpoints the background thread completed.</summary>
    public long BackgroundCheckpoints => Interlocked.Read(ref _background);

    /// <summary>Checkpoints the commit thread had to run because the WAL passed its limit.</summary>
    public long CommitThreadCheckpoints => Interlocked.Read(ref _onCommitThread);

    /// <summary>The commit thread's time in those checkpoints (its BUSY tries included), for the benchmark.</summary>
    public TimeSpan CommitThreadCheckpointTime =>
        Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _onCommitThreadTicks));

    /// <summary>Starts the background thread on <paramref name="connection"/>, which it owns and closes when it ends.</summary>
    public void Start(SqliteConnection connection)
    {
        _started = true;
        new Thread(() => Run(connection)) { IsBackground = true, Name = "workflow-checkpoint" }.Start();
        var interval = _options.WalCheckpointInterval;
        if (interval > TimeSpan.Zero)
        {
            _timer = _time.CreateTimer(_ => WakeIfWritten(), null, interval, interval);
        }
    }

    /// <summary>
    /// Commit thread, after each commit: counts the WAL pages the writer's connection wrote, wakes the background
    /// checkpointer past <see cref="EngineOptions.WalCheckpointPages"/>, and checkpoints here past the limit.
    /// </summary>
    public void Committed(SqliteConnection writer)
    {
        if (!Enabled || writer.Handle is not { } db)
        {
            return;
        }

        raw.sqlite3_db_status(db, raw.SQLITE_DBSTATUS_CACHE_WRITE, out var pages, out _, 1);
        var written = Interlocked.Add(ref _pagesWritten, pages);
        var walPages = Volatile.Read(ref _walPages) + written;
        var overLimit = walPages >= _options.WalLimitPages;
        if (overLimit && (_roundEnded || walPages >= 2L * _options.WalLimitPages))
        {
            _roundEnded = false;
            CheckpointOnCommitThread(db);
        }
        else if (overLimit || written >= _options.WalCheckpointPages)
        {
            // Past the limit, the background copies the long tail first; the commit thread finishes after its round.
            Wake();
        }
    }

    /// <summary>Ends the background thread once the writer has stopped, after a last checkpoint.</summary>
    public Task StopAsync()
    {
        if (!_started)
        {
            return Task.CompletedTask;
        }

        _timer?.Dispose();
        lock (_gate)
        {
            _stopping = true;
            Monitor.Pulse(_gate);
        }

        return _stopped.Task;
    }

    private void CheckpointOnCommitThread(sqlite3 db)
    {
        var started = Stopwatch.GetTimestamp();
        var result = WalCheckpoint.Run(db, raw.SQLITE_CHECKPOINT_RESTART, waitForLocks: false, _busyTimeoutMs);
        Interlocked.Add(ref _onCommitThreadTicks, Stopwatch.GetTimestamp() - started);
        if (result.Succeeded)
        {
            Interlocked.Exchange(ref _pagesWritten, 0);
            Volatile.Write(ref _walPages, 0);
            Interlocked.Increment(ref _onCommitThread);
            Log.WalCheckpointedOnCommit(_logger, result.WalPages, _options.WalLimitPages);
        }
        else if (result.Code != raw.SQLITE_BUSY)
        {
            Log.WalCheckpointFailed(_logger, result.Code, raw.sqlite3_errmsg(db).utf8_to_string());
        }
    }

    private void Run(SqliteConnection connection)
    {
        try
        {
            var db = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
            // A connection that has read nothing has not opened the WAL yet, and its checkpoints would do nothing.
            using (var read = connection.CreateCommand())
            {
                read.CommandText = "SELECT count(*) FROM sqlite_schema;";
                read.ExecuteScalar();
            }

            while (NextRound())
            {
                Checkpoint(db, raw.SQLITE_CHECKPOINT_PASSIVE);
            }

            // The writer has stopped: the last one can also empty the WAL file, if no reader is in it.
            Checkpoint(db, raw.SQLITE_CHECKPOINT_TRUNCATE);
        }
        catch (SqliteException ex)
        {
            // The commit thread still bounds the WAL, at twice its limit, without the background's rounds.
            Log.WalCheckpointFailed(_logger, ex.SqliteErrorCode, ex.Message);
        }
        finally
        {
            connection.Dispose();
            _stopped.TrySetResult();
        }
    }

    private void Checkpoint(sqlite3 db, int mode)
    {
        // Pages written from here on are not in this checkpoint: they count toward the next one.
        Interlocked.Exchange(ref _pagesWritten, 0);
        var result = WalCheckpoint.Run(db, mode, waitForLocks: false, _busyTimeoutMs);
        if (result.Succeeded)
        {
            Volatile.Write(ref _walPages, Math.Max(0, result.WalPages));
            Interlocked.Increment(ref _background);
            _roundEnded = true;
        }
        else if (result.Code != raw.SQLITE_BUSY)
        {
            Log.WalCheckpointFailed(_logger, result.Code, raw.sqlite3_errmsg(db).utf8_to_string());
        }
    }

    private bool NextRound()
    {
        lock (_gate)
        {
            while (!_wanted && !_stopping)
            {
                Monitor.Wait(_gate);
            }

            _wanted = false;
            return !_stopping;
        }
    }

    private void WakeIfWritten()
    {
        if (Interlocked.Read(ref _pagesWritten) > 0)
        {
            Wake();
        }
    }

    private void Wake()
    {
        if (Volatile.Read(ref _wanted))
        {
            return;
        }

        lock (_gate)
        {
            _wanted = true;
            Monitor.Pulse(_gate);
        }
    }
}
