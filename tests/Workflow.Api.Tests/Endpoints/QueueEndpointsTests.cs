using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Api.Tests.Infrastructure;
using Workflow.Engine;
using Workflow.Runtime.Handlers;

namespace Workflow.Api.Tests.Endpoints;

/// <summary>The host with a code handler <c>order</c> that records <c>n</c> and throws on <c>n = 0</c> (poison).</summary>
public sealed class QueueApiFactory : ApiFactory
{
    public ConcurrentQueue<int> Seen { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddCodeHandler("order", (_, body, _) =>
        {
            var n = body!.Value.GetProperty("n").GetInt32();
            if (n == 0)
            {
                throw new InvalidOperationException("poison message");
            }

            Seen.Enqueue(n);
            return ValueTask.FromResult<JsonElement?>(null);
        }));
    }
}

public sealed class QueueEndpointsTests(QueueApiFactory factory) : IClassFixture<QueueApiFactory>
{
    private const string Drainer = """
        {
          "id": "shop-drain",
          "ownerGroup": "shop",
          "tasks": [ { "id": "drain", "kind": "queue-drain",
                       "config": { "queue": "orders", "handler": "order", "maxDeliveries": 2 } } ]
        }
        """;

    [Fact]
    public async Task Enqueued_good_messages_are_processed_once_and_the_poison_one_lands_in_the_dead_letter_queue()
    {
        // Arrange
        var editor = await ApiClient.LoginAsync(factory, "erin", ["shop"], ["editor"]);
        await ApiClient.AssertStatusAsync(HttpStatusCode.Created, await editor.PostAsync("/api/pipelines", Drainer));
        var olga = await ApiClient.LoginAsync(factory, "olga", ["shop"], ["operator"]);
        var batch = await olga.PostAsync("/api/queues/shop/orders/messages", """[{"n": 1}, {"n": 0}, {"n": 2}]""");
        var single = await olga.PostAsync("/api/queues/shop/orders/messages", """{"n": 3}""");

        // Act: two drains; the poison message's second failed delivery dead-letters it.
        var first = await DrainAsync(olga);
        var second = await DrainAsync(olga);
        var status = await ApiClient.JsonAsync(await olga.GetAsync("/api/queues/shop/orders"));

        // Assert
        await ApiClient.AssertStatusAsync(HttpStatusCode.Accepted, batch);
        Assert.Equal(3, (await ApiClient.JsonAsync(batch)).GetProperty("enqueued").GetInt32());
        await ApiClient.AssertStatusAsync(HttpStatusCode.Accepted, single);
        Assert.Equal([1, 2, 3], factory.Seen.Order().ToArray());
        Assert.Equal("""{"processed":3,"deadLettered":0,"failed":1}""", first.GetRawText());
        Assert.Equal("""{"processed":0,"deadLettered":1,"failed":0}""", second.GetRawText());
        Assert.Equal((0L, 1L), (status.GetProperty("depth").GetInt64(), status.GetProperty("deadLetterDepth").GetInt64()));
    }

    [Fact]
    public async Task Only_operators_of_the_queues_group_may_enqueue_and_other_groups_do_not_see_it()
    {
        // Arrange
        var viewer = await ApiClient.LoginAsync(factory, "vera", ["shop"], ["viewer"]);
        var outsider = await ApiClient.LoginAsync(factory, "otto", ["finance"], ["operator"]);

        // Act
        var byViewer = await viewer.PostAsync("/api/queues/shop/returns/messages", """{"n": 1}""");
        var byOutsider = await outsider.PostAsync("/api/queues/shop/returns/messages", """{"n": 1}""");
        var readByOutsider = await outsider.GetAsync("/api/queues/shop/returns");
        var readByViewer = await viewer.GetAsync("/api/queues/shop/returns");

        // Assert
        await ApiClient.AssertStatusAsync(HttpStatusCode.Forbidden, byViewer);
        await ApiClient.AssertStatusAsync(HttpStatusCode.NotFound, byOutsider);
        await ApiClient.AssertStatusAsync(HttpStatusCode.NotFound, readByOutsider);
        await ApiClient.AssertStatusAsync(HttpStatusCode.OK, readByViewer);
        Assert.Equal(0, (await ApiClient.JsonAsync(readByViewer)).GetProperty("depth").GetInt64());
    }

    [Theory]
    [InlineData("/api/queues/shop/Orders/messages", "{}", "lowercase")]
    [InlineData("/api/queues/shop/orders-deadletter/messages", "{}", "dead-letter")]
    [InlineData("/api/queues/shop/orders/messages", "[]", "1 to 100 messages")]
    public async Task A_bad_queue_name_or_batch_is_refused_with_the_rule(string path, string body, string rule)
    {
        // Arrange
        var olga = await ApiClient.LoginAsync(factory, "olga", ["shop"], ["operator"]);

        // Act
        var response = await olga.PostAsync(path, body);

        // Assert
        await ApiClient.AssertStatusAsync(HttpStatusCode.BadRequest, response);
        Assert.Contains(rule, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static async Task<JsonElement> DrainAsync(ApiClient client)
    {
        var response = await client.PostAsync("/api/pipelines/shop-drain/runs");
        await ApiClient.AssertStatusAsync(HttpStatusCode.Accepted, response);
        var runId = (await ApiClient.JsonAsync(response)).GetProperty("runId").GetString()!;
        var run = await client.WaitForRunAsync(runId);
        Assert.Equal("succeeded", run.GetProperty("run").GetProperty("status").GetString());
        var attempts = await ApiClient.JsonAsync(await client.GetAsync($"/api/runs/{Uri.EscapeDataString(runId)}/tasks/drain/attempts"));
        return attempts.EnumerateArray().Single().GetProperty("output");
    }
}
