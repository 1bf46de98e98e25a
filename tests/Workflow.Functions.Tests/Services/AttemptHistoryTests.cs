using Microsoft.Extensions.DependencyInjection;
using Workflow.Functions.Storage;
using Workflow.Functions.Tests.Support;
using Workflow.Services;
using static Workflow.Functions.Tests.Support.Definitions;

namespace Workflow.Functions.Tests.Services;

/// <summary>
/// What the Azure app shows of an attempt: the priority and timeout it was dispatched with, and a log blob that is
/// gone while the attempt says it wrote bytes, which is an error that says so rather than no log.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class AttemptHistoryTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task An_attempt_shows_its_priority_and_timeout_and_a_removed_log_blob_is_gone()
    {
        // Arrange: a finished attempt whose record says it wrote 12 bytes, and no log blob (a lifecycle rule took it).
        await using var host = await DurableAppHost.StartAsync(azurite.ConnectionString, "attempt-history");
        await host.UpsertAsync(Pipeline("hist",
            Code("quick", TestHandlers.Count) with { Priority = 4, Timeout = TimeSpan.FromMinutes(10) }));
        await host.StartAsync("hist", "hist@1");
        await host.CompletedAsync("hist@1");
        var store = host.Services.GetRequiredService<AttemptStore>();
        var attempt = Assert.Single(await host.Workflow.ListAttemptsAsync("hist@1", "quick", CancellationToken.None));
        await store.WriteAsync(attempt with { LogBytes = 12 }, CancellationToken.None);
        await store.Log("hist@1", "quick", 1).DeleteIfExistsAsync();

        // Act
        var gone = await Assert.ThrowsAsync<GoneException>(async () =>
            await host.Workflow.ReadLogAsync("hist@1", "quick", 1, LogRange.From(0, 4096), CancellationToken.None));
        var missing = await host.Workflow.ReadLogAsync("hist@1", "quick", 2, LogRange.From(0, 4096),
            CancellationToken.None);

        // Assert
        Assert.Equal(4, attempt.Priority);
        Assert.Equal(TimeSpan.FromMinutes(10), attempt.Timeout);
        Assert.Contains("attempt 1 of task 'quick' in run 'hist@1' (12 bytes)", gone.Message, StringComparison.Ordinal);
        Assert.Contains("lifecycle rule", gone.Message, StringComparison.Ordinal);
        Assert.Null(missing);
    }
}
