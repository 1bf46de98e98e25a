using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Engine.Storage;
using Workflow.Engine.Tests.Support;
using Workflow.Execution;
using Workflow.Model;
using Workflow.Runtime.Handlers;

namespace Workflow.Engine.Tests.Storage;

/// <summary>
/// <c>run_events.body</c> in both formats: the compact binary form this engine writes for attempt outcomes and timer
/// firings, and the JSON text older engines wrote for every event, which recovery must still read.
/// </summary>
public sealed class RunEventFormatTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 29, 1, 30, 15, 123, TimeSpan.FromHours(2));

    public static TheoryData<RunEvent> Events() =>
    [
        new TaskSucceeded(At.AddTicks(7), "load[3]", 2, JsonSerializer.SerializeToElement(new { rows = 5, s = "é€😀" })),
        new TaskSucceeded(At, "extract", 1, null),
        new TaskSucceeded(At, "extract", 1, JsonSerializer.SerializeToElement<object?>(null)),
        new TaskSucceeded(At, "", 1, JsonSerializer.SerializeToElement("")),
        new TaskFailed(At.ToUniversalTime(), "load", 3, ErrorKinds.Timeout, "took too long: ü"),
        new TaskFailed(At, "load", 1, "", ""),
        new TimerFired(At, "retry:load:2"),
        new RunSuspended(At, "maintenance"),
        new CancelRequested(At, "load", "stop"),
    ];

    [Theory]
    [MemberData(nameof(Events))]
    public void An_event_reads_back_as_the_decider_s_JSON_reads_it(RunEvent @event)
    {
        // Arrange
        var expected = RunJson.Serialize(RunJson.DeserializeEvent(RunJson.Serialize(@event)));

        // Act
        var back = RunEventCodec.Decode(Body(RunEventCodec.Encode(@event)));

        // Assert
        Assert.Equal(expected, RunJson.Serialize(back));
        Assert.Equal(@event.At, back.At);
        Assert.Equal(@event.At.Offset, back.At.Offset);
    }

    [Fact]
    public void Attempt_outcomes_and_timer_firings_are_binary_and_other_events_stay_JSON_text()
    {
        // Act
        var outcome = RunEventCodec.Encode(new TaskSucceeded(At, "a", 1, null));
        var suspended = RunEventCodec.Encode(new RunSuspended(At));

        // Assert
        Assert.Equal(SqlType.Blob, outcome.Type);
        Assert.Equal(RunEventCodec.Version, outcome.Bytes[0]);
        Assert.Equal(SqlType.Text, suspended.Type);
        Assert.StartsWith("{", Encoding.UTF8.GetString(suspended.Bytes), StringComparison.Ordinal);
    }

    [Fact]
    public void A_body_from_a_newer_format_is_refused_with_a_message_that_says_so()
    {
        // Arrange
        var body = (byte[])Body(RunEventCodec.Encode(new TimerFired(At, "t")));
        body[0] = RunEventCodec.Version + 1;

        // Act
        var error = Assert.Throws<InvalidDataException>(() => RunEventCodec.Decode(body));

        // Assert
        Assert.Contains("newer engine", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_run_whose_events_an_older_engine_wrote_as_JSON_text_recovers_and_completes()
    {
        // Arrange: a run with a failed attempt, its retry timer and two successes behind it, and a task in flight
        // when the host stops.
        var data = TempDirectory.Create();
        var flakyCalls = 0;
        var outCalls = 0;
        var gateCalls = 0;
        void Register(IServiceCollection s)
        {
            s.AddCodeHandler("flaky", (_, _, _) => Interlocked.Increment(ref flakyCalls) == 1
                ? throw new InvalidOperationException("first call fails")
                : ValueTask.FromResult<JsonElement?>(null));
            s.AddCodeHandler("out", (_, _, _) =>
            {
                Interlocked.Increment(ref outCalls);
                return ValueTask.FromResult<JsonElement?>(JsonSerializer.SerializeToElement(new { n = 1, s = "é" }));
            });
            s.AddCodeHandler("gate", async (_, _, ct) =>
            {
                if (Interlocked.Increment(ref gateCalls) == 1)
                {
                    await Task.Delay(Timeout.Infinite, ct);
                }

                return null;
            });
        }

        var pipeline = Pipelines.Define("old-events",
            Pipelines.Code("flaky", "flaky") with
            {
                Retry = new RetryPolicy { MaxAttempts = 2, InitialDelay = TimeSpan.FromMilliseconds(10) },
            },
            Pipelines.Code("out", "out"),
            Pipelines.Code("gate", "gate", null, "flaky", "out"),
            Pipelines.Code("last", "out", null, "gate"));
        string runId;
        await using (var first = await TestEngine.StartAsync(Register, data))
        {
            runId = (await first.StartRunAsync(pipeline)).RunId;
            await Poll.UntilAsync(() => Volatile.Read(ref gateCalls) == 1, "the gate's first delivery");
        }

        var path = Path.Combine(data, "workflow.db");
        var rewritten = await RewriteAsOlderEngineAsync(path, runId);

        // Act
        await using var second = await TestEngine.StartAsync(Register, data);
        var status = await second.WaitAsync(runId);

        // Assert
        Assert.Superset(new HashSet<string> { "TaskSucceeded", "TaskFailed", "TimerFired" }, rewritten);
        Assert.Equal(RunStatus.Succeeded, status);
        Assert.Equal(2, flakyCalls);
        Assert.Equal(2, outCalls);
        Assert.Equal(2, gateCalls);
        var storage = await SqliteFile.QueryTextsAsync(path,
            $"SELECT DISTINCT typeof(body) FROM run_events WHERE run_id = '{runId}' ORDER BY 1;");
        Assert.Equal(["blob", "text"], storage);
    }

    /// <summary>
    /// Lays the run out as the previous engine left it: every event body as the decider's JSON text, no snapshot (so
    /// recovery replays them all). Returns the types of the events that were rewritten from the binary form.
    /// </summary>
    private static async Task<HashSet<string>> RewriteAsOlderEngineAsync(string path, string runId)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        var rows = new List<(long Seq, string Type, RunEvent Event)>();
        await using (var read = connection.CreateCommand())
        {
            read.CommandText = "SELECT seq, type, body FROM run_events WHERE run_id = $run AND typeof(body) = 'blob';";
            read.Parameters.AddWithValue("$run", runId);
            await using var reader = await read.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                rows.Add((reader.GetInt64(0), reader.GetString(1), RunEventCodec.Decode(reader.GetValue(2))));
            }
        }

        foreach (var (seq, _, @event) in rows)
        {
            await using var update = connection.CreateCommand();
            update.CommandText = "UPDATE run_events SET body = $body WHERE run_id = $run AND seq = $seq;";
            update.Parameters.AddWithValue("$body", RunJson.Serialize(@event));
            update.Parameters.AddWithValue("$run", runId);
            update.Parameters.AddWithValue("$seq", seq);
            await update.ExecuteNonQueryAsync();
        }

        await using (var drop = connection.CreateCommand())
        {
            drop.CommandText = "DELETE FROM run_snapshots WHERE run_id = $run;";
            drop.Parameters.AddWithValue("$run", runId);
            await drop.ExecuteNonQueryAsync();
        }

        return rows.Select(r => r.Type).ToHashSet();
    }

    private static object Body(SqlValue value) => value.Type == SqlType.Blob
        ? value.Bytes.ToArray()
        : Encoding.UTF8.GetString(value.Bytes);
}
