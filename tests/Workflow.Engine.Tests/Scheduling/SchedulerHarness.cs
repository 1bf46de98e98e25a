using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Workflow.Engine.Runtime;
using Workflow.Engine.Scheduling;
using Workflow.Engine.Storage;
using Workflow.Engine.Tests.Support;
using Workflow.Model;
using Workflow.Runtime.Handlers;
using Workflow.Runtime.Scheduling;
using Workflow.Services;

namespace Workflow.Engine.Tests.Scheduling;

/// <summary>
/// A real engine on a temporary SQLite file, a manual clock, and schedule tickers over them. Code task "mark"
/// records when each run's first task started; code task "block" holds its run until the test releases it.
/// </summary>
public sealed class SchedulerHarness : IAsyncDisposable
{
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private SchedulerHarness(TestEngine engine, FakeTimeProvider clock)
    {
        Engine = engine;
        Clock = clock;
    }

    public TestEngine Engine { get; }

    public FakeTimeProvider Clock { get; }

    public IWorkflowService Workflow => Engine.Workflow;

    /// <summary>Run id -> when (stopwatch ticks) its first task started.</summary>
    public ConcurrentDictionary<string, long> FirstTaskStarted { get; } = new(StringComparer.Ordinal);

    public static async Task<SchedulerHarness> StartAsync(DateTimeOffset start)
    {
        var clock = new FakeTimeProvider(start);
        SchedulerHarness? harness = null;
        var engine = await TestEngine.StartAsync(s =>
        {
            s.AddSingleton<TimeProvider>(clock);
            s.AddCodeHandler("mark", (ctx, _, _) =>
            {
                harness!.FirstTaskStarted.TryAdd(ctx.RunId, System.Diagnostics.Stopwatch.GetTimestamp());
                return ValueTask.FromResult<JsonElement?>(null);
            });
            s.AddCodeHandler("block", async (_, _, ct) =>
            {
                await harness!._release.Task.WaitAsync(ct);
                return null;
            });
        });
        harness = new SchedulerHarness(engine, clock);
        return harness;
    }

    /// <summary>
    /// A ticker as the embedded host makes it, over the next-due index; <paramref name="indexed"/> false gives the
    /// Azure app's kind, which looks at every pipeline on each tick.
    /// </summary>
    public ScheduleTicker NewTicker(SchedulerOptions? options = null, bool indexed = true)
    {
        var sqlite = Engine.Services.GetRequiredService<SqliteStore>();
        var writer = Engine.Services.GetRequiredService<WriteLoop>();
        return new ScheduleTicker(Workflow, new SqliteWatermarkStore(sqlite, writer), Clock,
            Options.Create(options ?? new SchedulerOptions()), NullLogger<ScheduleTicker>.Instance,
            indexed ? new ScheduleDueIndex(sqlite, writer) : null);
    }

    public void ReleaseBlockedRuns() => _release.TrySetResult();

    public async Task SaveAsync(PipelineDefinition definition) =>
        await Workflow.UpsertPipelineAsync(definition, null, "test", CancellationToken.None);

    public async Task<IReadOnlyList<RunRecord>> RunsAsync(string pipelineId)
    {
        var page = await Workflow.ListRunsAsync(new RunQuery(PipelineId: pipelineId, Limit: 500), CancellationToken.None);
        return page.Items;
    }

    /// <summary>The ids of a pipeline's runs in ordinal order, which for scheduled runs is their logical time.</summary>
    public async Task<List<string>> RunIdsAsync(string pipelineId) =>
        [.. (await RunsAsync(pipelineId)).Select(r => r.RunId).Order(StringComparer.Ordinal)];

    public ValueTask DisposeAsync()
    {
        ReleaseBlockedRuns();
        return Engine.DisposeAsync();
    }
}
