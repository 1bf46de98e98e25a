using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Durable.Sla;
using Workflow.Functions.Alerts;
using Workflow.Functions.Http;
using Workflow.Functions.Queues;
using Workflow.Functions.Storage;
using Workflow.Functions.Tests.Support;
using Workflow.Json;
using Workflow.Queues;
using Workflow.Sla;

namespace Workflow.Functions.Tests.Http;

/// <summary>
/// <c>/api/alerts</c> as the Azure app serves it: the app's registrations and its <see cref="ApiPipeline"/> behind a
/// real listener on 127.0.0.1, callers authenticated by the App Service header, alerts in the Azurite table.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class AlertApiTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task The_azure_app_lists_a_published_alert_to_its_group_only_and_acknowledges_it()
    {
        // Arrange
        await using var app = await ApiApp.StartAsync(azurite.ConnectionString);
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        var alert = new Alert(AlertIds.ForRun("sales@1", AlertKind.DeadlineMissed), AlertKind.DeadlineMissed,
            AlertSeverity.Error, "sales", "team", "sales@1", null, "missed its deadline",
            new DateTimeOffset(2026, 3, 1, 2, 0, 0, TimeSpan.Zero));
        await app.Services.GetRequiredService<AlertPublisher>().PublishAsync(new AlertInput(alert), null,
            CancellationToken.None);

        // Act
        var open = await GetAsync(http, "/api/alerts?status=open", "team");
        var otherGroup = await GetAsync(http, "/api/alerts", "other");
        using var ack = new HttpRequestMessage(HttpMethod.Post, $"/api/alerts/{Uri.EscapeDataString(alert.Id)}/ack");
        ack.Headers.Add(AppServicePrincipal.HeaderName, Caller("team"));
        using var acked = await http.SendAsync(ack);
        var afterAck = await GetAsync(http, "/api/alerts?status=acked", "team");

        // Assert
        var listed = Assert.Single(open.EnumerateArray());
        Assert.Equal((alert.Id, "deadline-missed", "none"), (listed.GetProperty("id").GetString(),
            listed.GetProperty("kind").GetString(), listed.GetProperty("delivery").GetProperty("status").GetString()));
        Assert.Empty(otherGroup.EnumerateArray());
        Assert.Equal(HttpStatusCode.OK, acked.StatusCode);
        Assert.Equal("ana", Assert.Single(afterAck.EnumerateArray()).GetProperty("ackedBy").GetString());
    }

    [Fact]
    public async Task A_queue_backlog_alert_appears_in_the_alert_list_and_clears_once_the_queue_is_drained()
    {
        // Arrange
        await using var app = await ApiApp.StartAsync(azurite.ConnectionString);
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        var name = $"orders-{Guid.NewGuid():N}"[..24];
        await app.Services.GetRequiredService<BlobPipelineCatalog>().UpsertAsync(PipelineJson.Parse($$"""
            {"id": "drainer", "ownerGroup": "team", "tasks": [{"id": "drain", "kind": "queue-drain",
              "config": {"queue": "{{name}}", "maxMessages": 10, "handler": "count", "maxDepth": 2} } ] }
            """), null, "test", CancellationToken.None);
        var queue = app.Services.GetRequiredService<StorageWorkQueue>();
        var address = QueueAddress.Create("team", name);
        await queue.EnqueueAsync(address, [.. Enumerable.Range(1, 3).Select(i => JsonSerializer.SerializeToElement(i))],
            CancellationToken.None);
        var check = app.Services.GetRequiredService<StorageQueueBacklogCheck>();

        // Act
        await check.CheckAsync(CancellationToken.None);
        var raised = await GetAsync(http, "/api/alerts?status=open", "team");
        foreach (var message in await queue.ReceiveAsync(address, 10, TimeSpan.FromMinutes(1), CancellationToken.None))
        {
            await queue.CompleteAsync(message, CancellationToken.None);
        }

        await check.CheckAsync(CancellationToken.None);
        var openAfterDrain = await GetAsync(http, "/api/alerts?status=open", "team");
        var cleared = await GetAsync(http, "/api/alerts?status=cleared", "team");

        // Assert
        var alert = Assert.Single(raised.EnumerateArray());
        Assert.Equal("queue-backlog", alert.GetProperty("kind").GetString());
        Assert.Contains("3 messages waiting (limit 2)", alert.GetProperty("message").GetString(),
            StringComparison.Ordinal);
        Assert.Empty(openAfterDrain.EnumerateArray());
        Assert.Equal(alert.GetProperty("id").GetString(),
            Assert.Single(cleared.EnumerateArray()).GetProperty("id").GetString());
    }

    private static async Task<JsonElement> GetAsync(HttpClient http, string path, string group)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add(AppServicePrincipal.HeaderName, Caller(group));
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>An operator of one group, as App Service writes the header.</summary>
    private static string Caller(string group) =>
        PrincipalHeader.For(("sub", "ana"), ("groups", group), ("roles", "operator"));
}
