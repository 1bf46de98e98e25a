using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Workflow.Durable;
using Workflow.Durable.Sla;
using Workflow.Functions.Activities;
using Workflow.Functions.Backfills;
using Workflow.Functions.Hosting;
using Workflow.Functions.Orchestration;
using Workflow.Functions.Services;
using Workflow.Model;
using Workflow.Services;

namespace Workflow.Functions.Tests.Support;

/// <summary>
/// The Functions app on the Durable Task SDK's in-process test host: its own orchestrator and activity classes,
/// built from the app's own registrations (<see cref="WorkflowFunctionsServiceCollectionExtensions.AddWorkflowFunctions"/>)
/// over Azurite blobs, with the worker's data converter, driven through the app's own
/// <see cref="DurableWorkflowService"/>. Only the Functions runtime itself (triggers, bindings) is missing.
/// </summary>
public sealed class DurableAppHost : IAsyncDisposable
{
    private readonly DurableTaskTestHost durable;
    private readonly ServiceProvider app;
    private readonly AsyncServiceScope clientScope;

    private DurableAppHost(DurableTaskTestHost durable, ServiceProvider app, TestHandlers handlers, AlertLog alerts)
    {
        this.durable = durable;
        this.app = app;
        Handlers = handlers;
        Alerts = alerts;
        clientScope = app.CreateAsyncScope();
        clientScope.ServiceProvider.GetRequiredService<DurableClientHolder>().Client = durable.Client;
        Workflow = clientScope.ServiceProvider.GetRequiredService<IWorkflowService>();
    }

    public DurableTaskClient Client => durable.Client;

    /// <summary>The app's services, for building one of its classes with a part swapped (e.g. a fake clock).</summary>
    public IServiceProvider Services => app;

    /// <summary>The app's <see cref="DurableWorkflowService"/> over this host's client.</summary>
    public IWorkflowService Workflow { get; }

    public TestHandlers Handlers { get; }

    /// <summary>What the <c>PublishAlert</c> activity received, in order.</summary>
    public AlertLog Alerts { get; }

    /// <param name="connectionString">Azurite's.</param>
    /// <param name="name">Unique per test: it prefixes the blob containers.</param>
    /// <param name="settings">More configuration, e.g. <c>Workflow:RunLoop:MaxEventsPerGeneration</c>.</param>
    /// <param name="userCode">What an app's <c>Program.cs</c> adds after the app's own registrations (its own code).</param>
    public static async Task<DurableAppHost> StartAsync(string connectionString, string name,
        IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? userCode = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Workflow:Storage:ConnectionString"] = connectionString,
                ["Workflow:Storage:DefinitionsContainer"] = $"{name}-definitions",
                ["Workflow:Storage:LogsContainer"] = $"{name}-logs",
                ["Workflow:Storage:AlertsTable"] = AlertsTable(name),
            })
            .AddInMemoryCollection(settings ?? new Dictionary<string, string?>())
            .Build();
        var handlers = new TestHandlers();
        var alerts = new AlertLog();
        var services = new ServiceCollection();
        services.AddWorkflowFunctions(configuration);
        userCode?.Invoke(services);
        handlers.Register(services);
        var app = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        foreach (var hosted in app.GetServices<IHostedService>())
        {
            await hosted.StartAsync(CancellationToken.None);
        }

        var converter = WorkerDataConverter.FromWorkerDefaults();
        var client = new TaskCompletionSource<DurableTaskClient>(TaskCreationOptions.RunContinuationsAsynchronously);
        var durable = await DurableTaskTestHost.StartAsync(
            registry => Register(registry, app, alerts, client.Task),
            new DurableTaskTestHostOptions
            {
                LoggerFactory = DiagnosticLogs(),
                ConfigureServices = s =>
                {
                    s.Configure<DurableTaskWorkerOptions>(o => o.DataConverter = converter);
                    s.Configure<DurableTaskClientOptions>(o => o.DataConverter = converter);
                },
            });
        if (durable.Services.GetRequiredService<IOptionsMonitor<DurableTaskWorkerOptions>>().Get(Options.DefaultName)
                .DataConverter != converter)
        {
            await durable.DisposeAsync();
            throw new InvalidOperationException("The test host's worker does not use the worker's data converter.");
        }

        client.SetResult(durable.Client);
        return new DurableAppHost(durable, app, handlers, alerts);
    }

    /// <summary>
    /// The Durable host's own logs (work items, actions sent, sidecar warnings) on the console when
    /// <c>WORKFLOW_TEST_DURABLE_LOGS</c> is set: the first place to look when a run does not finish.
    /// </summary>
    private static ILoggerFactory? DiagnosticLogs() =>
        Environment.GetEnvironmentVariable("WORKFLOW_TEST_DURABLE_LOGS") is null
            ? null
            : LoggerFactory.Create(b => b.AddSimpleConsole().SetMinimumLevel(LogLevel.Debug));

    /// <summary>
    /// The app's functions under their function names, each activity invocation in its own scope as in Functions.
    /// The orchestrators are registered with their input type: the Functions context's <c>GetInput&lt;T&gt;</c>
    /// deserializes the raw input with the data converter, which the SDK's own context does only for the declared type.
    /// </summary>
    private static void Register(DurableTaskRegistry registry, ServiceProvider app, AlertLog alerts,
        Task<DurableTaskClient> client)
    {
        registry.AddOrchestratorFunc<PipelineRunInput, RunOutcome?>(OrchestrationNames.PipelineRun,
            (context, _) => ActivatorUtilities.CreateInstance<PipelineRunOrchestrator>(app).RunAsync(context));
        registry.AddOrchestratorFunc<SlaMonitorInput, bool>(OrchestrationNames.SlaMonitor,
            (context, _) => ActivatorUtilities.CreateInstance<SlaMonitorOrchestrator>(app).RunAsync(context));
        registry.AddOrchestratorFunc<BackfillState, BackfillProgress?>(BackfillNames.Orchestration,
            (context, _) => new BackfillOrchestrator().RunAsync(context));
        registry.AddActivityFunc<BackfillState, BackfillState>(BackfillNames.StepActivity,
            async (_, state) => await Invoke<BackfillStepActivity, BackfillState>(app,
                async a => await a.RunAsync(state, await client, CancellationToken.None)));
        registry.AddActivityFunc<RunRequest, RunResolution>(OrchestrationNames.ResolveRunActivity,
            async (_, request) => await Invoke<ResolveRunActivity, RunResolution>(app,
                async a => await a.RunAsync(request, await client, CancellationToken.None)));
        registry.AddActivityFunc<TaskActivityInput, TaskActivityResult>(OrchestrationNames.RunTaskActivity,
            (_, input) => Invoke<RunTaskActivity, TaskActivityResult>(app, a => a.RunAsync(input, CancellationToken.None)));
        registry.AddActivityFunc<SlaMonitorStart, bool>(OrchestrationNames.StartSlaMonitorActivity,
            async (_, start) => await Invoke<StartSlaMonitorActivity, bool>(app,
                async a => await a.RunAsync(start, await client, CancellationToken.None)));
        registry.AddActivityFunc<NotificationInput, bool>(OrchestrationNames.PublishNotificationActivity,
            async (_, input) => await Invoke<PublishActivities, bool>(app,
                async a => await a.PublishNotification(input, await client, CancellationToken.None)));
        registry.AddActivityFunc<AlertInput, bool>(OrchestrationNames.PublishAlertActivity,
            async (_, input) => await Invoke<PublishActivities, bool>(app, async a =>
            {
                var published = await a.PublishAlert(input, await client, CancellationToken.None);
                alerts.Add(input);
                return published;
            }));
    }

    private static async Task<TResult> Invoke<TFunction, TResult>(ServiceProvider app, Func<TFunction, Task<TResult>> run)
    {
        await using var scope = app.CreateAsyncScope();
        return await run(ActivatorUtilities.CreateInstance<TFunction>(scope.ServiceProvider));
    }

    /// <summary>The app's <see cref="IAlertService"/> (the alerts table), as <c>/api/alerts</c> answers from it.</summary>
    public IAlertService AlertService => app.GetRequiredService<IAlertService>();

    /// <summary>A table name of the test's own: letters and digits only, starting with a letter.</summary>
    private static string AlertsTable(string name)
    {
        var table = "alerts" + new string([.. name.Where(char.IsAsciiLetterOrDigit)]);
        return table.Length > 63 ? table[..63] : table;
    }

    /// <summary>Stores the pipeline through the app's service (the blob catalogue).</summary>
    public async Task<PipelineRecord> UpsertAsync(PipelineDefinition definition) =>
        await Workflow.UpsertPipelineAsync(definition, null, "test", CancellationToken.None);

    /// <summary>Starts a run through the app's service, with a run id of the test's choosing.</summary>
    public async Task<RunRecord> StartAsync(string pipelineId, string runId) =>
        await Workflow.StartRunAsync(new StartRunRequest(pipelineId, RunTrigger.Api, "test", RunId: runId),
            CancellationToken.None);

    /// <summary>Waits for the run's orchestration to finish and returns what the app's service then reports.</summary>
    public async Task<RunDetail> CompletedAsync(string runId, int seconds = 60)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        OrchestrationMetadata instance;
        try
        {
            instance = await Client.WaitForInstanceCompletionAsync(InstanceIds.For(runId), getInputsAndOutputs: true,
                timeout.Token);
        }
        catch (OperationCanceledException)
        {
            var now = await Client.GetInstanceAsync(InstanceIds.For(runId), getInputsAndOutputs: true);
            throw new TimeoutException($"Run '{runId}' did not finish within {seconds}s; it is {now?.RuntimeStatus} " +
                $"with status {now?.SerializedCustomStatus}.");
        }

        if (instance.RuntimeStatus != OrchestrationRuntimeStatus.Completed)
        {
            throw new InvalidOperationException(
                $"Run '{runId}' ended {instance.RuntimeStatus}: {instance.FailureDetails?.ErrorType}: " +
                $"{instance.FailureDetails?.ErrorMessage}\n{instance.FailureDetails?.StackTrace}");
        }

        return await Workflow.GetRunAsync(runId, CancellationToken.None)
            ?? throw new InvalidOperationException($"Run '{runId}' finished but the service does not find it.");
    }

    public async ValueTask DisposeAsync()
    {
        Handlers.OpenGate();
        await durable.DisposeAsync();
        await clientScope.DisposeAsync();
        await app.DisposeAsync();
    }
}
