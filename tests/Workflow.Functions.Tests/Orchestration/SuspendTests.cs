using System.Text.Json;
using Workflow.Execution;
using Workflow.Functions.Support;
using Workflow.Model;
using static Workflow.Functions.Support.Definitions;

namespace Workflow.Functions.Orchestration;

[Collection(AzuriteCollection.Name)]
public sealed class SuspendTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task An_http_task_answered_202_waits_on_durable_timers_and_polls_until_its_job_is_done()
    {
        // Arrange
        await using var server = await AsyncJobServer.StartAsync();
        await using var host = await DurableAppHost.StartAsync(azurite.ConnectionString, "suspend");
        await host.UpsertAsync(Pipeline("poll", new TaskDefinition
        {
            Id = "job",
            Kind = "http",
            Config = JsonSerializer.SerializeToElement(new
            {
                url = new Uri(server.BaseAddress, "/jobs").ToString(),
                method = "POST",
                @async = true,
            }),
        }));

        // Act
        await host.StartAsync("poll", "poll@1");
        var run = await host.CompletedAsync("poll@1");

        // Assert
        Assert.Equal(RunStatus.Succeeded, run.Run.Status);
        var attempt = Assert.Single(await host.Workflow.ListAttemptsAsync("poll@1", "job", CancellationToken.None));
        Assert.Equal(Execution.TaskStatus.Succeeded, attempt.Status);
        Assert.True(attempt.Output?.GetProperty("done").GetBoolean());
        Assert.Equal(1, server.Starts["poll@1/job/1"]);
        Assert.Equal(AsyncJobServer.PollsBeforeDone, server.Polls["poll@1/job/1"]);
    }
}
