using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Engine.Tests.Support;
using Workflow.Execution;
using Workflow.Runtime.Handlers;

namespace Workflow.Engine.Tests.Storage;

public sealed class StoreBusyTests
{
    [Fact]
    public async Task A_commit_blocked_by_another_connections_write_lock_is_retried_and_the_run_still_completes()
    {
        // Arrange: a task that waits for the test, and an engine whose busy timeout is short so the lock outlasts it.
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var engine = await TestEngine.StartAsync(
            s => s.AddCodeHandler("gated", async (_, _, ct) =>
            {
                entered.TrySetResult();
                await release.Task.WaitAsync(ct);
                return JsonSerializer.SerializeToElement("done");
            }),
            options: o =>
            {
                o.StoreBusyTimeout = TimeSpan.FromMilliseconds(200);
                // Retries enough to outlast the test noticing the busy commit and letting go of the lock, however
                // slowly a loaded machine runs it (seven tries, 1.4 s, did not always).
                o.StoreBusyRetries = 1000;
            });
        var run = await engine.StartRunAsync(Pipelines.Define("locked", Pipelines.Code("work", "gated")));
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(60));

        // A second connection (as a second host or a shell has) takes the database's write lock.
        var blocker = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(engine.DataDirectory, "workflow.db"),
            Pooling = false,
        }.ToString());
        await blocker.OpenAsync();
        var transaction = (SqliteTransaction)await blocker.BeginTransactionAsync();
        await using (var write = blocker.CreateCommand())
        {
            write.Transaction = transaction;
            write.CommandText = "CREATE TABLE busy_probe (id INTEGER);";
            await write.ExecuteNonQueryAsync();
        }

        // Act: the attempt completes while the lock is held; the engine's commit runs into SQLITE_BUSY.
        release.SetResult();
        await Poll.UntilAsync(() => engine.Logs.Has(Log.Ids.StoreBusy), "the engine to report a busy commit");
        await transaction.RollbackAsync();
        await blocker.DisposeAsync();
        var status = await engine.WaitAsync(run.RunId);

        // Assert
        Assert.Equal(RunStatus.Succeeded, status);
        Assert.False(engine.Logs.Has(Log.Ids.StoreFailed));
    }
}
