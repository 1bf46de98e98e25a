using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Workflow.Functions.Activities;
using Workflow.Functions.Alerts;
using Workflow.Functions.Hosting;
using Workflow.Functions.Storage;
using Workflow.Functions.Tests.Storage;
using Workflow.Functions.Tests.Support;
using Workflow.Model;

namespace Workflow.Functions.Tests.Alerts;

/// <summary>
/// The Azure app's alert parts on Azurite, wired as Program.cs wires them, with a table, a queue and containers no
/// other test uses. <see cref="PumpAsync"/> plays the queue trigger: it dequeues and hands each message to the
/// handler, as the Functions host would.
/// </summary>
internal sealed class AlertTestBed
{
    private AlertTestBed(AlertStorage storage, BlobPipelineCatalog catalog, AlertsOptions options,
        OrchestrationMetrics metrics)
    {
        Storage = storage;
        Catalog = catalog;
        Store = new TableAlertStore(storage);
        Queue = new WebhookQueue(storage);
        var wrapped = Options.Create(options);
        Publisher = new AlertPublisher(Store, Queue, catalog, wrapped, TimeProvider.System);
        Service = new TableAlertService(Store, Publisher, TimeProvider.System);
        Activities = new PublishActivities(metrics, Publisher,
            NullLogger<PublishActivities>.Instance);
        Handler = new WebhookDeliveryHandler(Store, Queue, new HttpClient(), wrapped, TimeProvider.System,
            NullLogger<WebhookDeliveryHandler>.Instance);
    }

    public AlertStorage Storage { get; }
    public BlobPipelineCatalog Catalog { get; }
    public TableAlertStore Store { get; }
    public WebhookQueue Queue { get; }
    public AlertPublisher Publisher { get; }
    public TableAlertService Service { get; }
    public PublishActivities Activities { get; }
    public WebhookDeliveryHandler Handler { get; }

    public static async Task<AlertTestBed> CreateAsync(AzuriteFixture azurite, Action<AlertsOptions>? configure = null,
        OrchestrationMetrics? metrics = null)
    {
        var unique = Guid.NewGuid().ToString("N");
        var storage = new AlertStorage(azurite.ConnectionString, $"alerts{unique}", $"webhooks-{unique}");
        await new LocalAlertStorageInitializer(storage).StartAsync(CancellationToken.None);
        var blobs = await FreshStorage.CreateAsync(azurite);
        var options = new AlertsOptions
        {
            RedeliveryDelay = TimeSpan.FromSeconds(1),
            RequestTimeout = TimeSpan.FromSeconds(5),
        };
        configure?.Invoke(options);
        return new AlertTestBed(storage, new BlobPipelineCatalog(blobs.Containers, TimeProvider.System), options,
            metrics ?? new OrchestrationMetrics());
    }

    /// <summary>Stores a pipeline whose SLA sends its alerts to <paramref name="webhook"/>.</summary>
    public Task SavePipelineAsync(string id, string ownerGroup, string? webhook) =>
        Catalog.UpsertAsync(new PipelineDefinition
        {
            Id = id,
            OwnerGroup = ownerGroup,
            Tasks = [new TaskDefinition { Id = "extract", Kind = "delay" }],
            Sla = webhook is null ? null : new SlaPolicy { Channels = [new AlertChannel { Url = webhook }] },
        }, null, "ana", CancellationToken.None).AsTask();

    /// <summary>Handles every message that is visible now; returns what each did.</summary>
    public async Task<List<DeliveryOutcome>> PumpAsync()
    {
        var outcomes = new List<DeliveryOutcome>();
        while (true)
        {
            var batch = (await Storage.Queue.ReceiveMessagesAsync(32, TimeSpan.FromSeconds(30))).Value;
            if (batch.Length == 0)
            {
                return outcomes;
            }

            foreach (var message in batch)
            {
                outcomes.Add(await Handler.HandleAsync(WebhookMessage.FromJson(message.MessageText),
                    CancellationToken.None));
                await Storage.Queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
            }
        }
    }

    /// <summary>The messages waiting in the queue, visible or not.</summary>
    public async Task<int> QueuedAsync() =>
        (await Storage.Queue.GetPropertiesAsync()).Value.ApproximateMessagesCount;
}
