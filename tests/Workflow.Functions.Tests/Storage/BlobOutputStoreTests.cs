using System.Text.Json;
using Workflow.Functions.Storage;
using Workflow.Functions.Tests.Support;
using Workflow.Runtime.Logs;

namespace Workflow.Functions.Tests.Storage;

[Collection(AzuriteCollection.Name)]
public sealed class BlobOutputStoreTests(AzuriteFixture azurite)
{
    private const string Run = "sales@20260301T020000Z/load[2]#1";

    [Fact]
    public async Task A_small_output_stays_inline_and_writes_no_blob()
    {
        // Arrange
        var storage = await FreshStorage.CreateAsync(azurite, outputInlineLimitBytes: 1024);
        var store = new BlobOutputStore(storage.Containers, storage.Options);
        var output = Json("""{"rows":3}""");

        // Act
        var kept = await store.SpillIfLargeAsync(Run, "extract", 1, output, CancellationToken.None);

        // Assert
        Assert.Equal(output.GetRawText(), kept?.GetRawText());
        var blob = storage.Containers.Logs.GetBlobClient(BlobNames.AttemptOutput(Run, "extract", 1));
        Assert.False(await blob.ExistsAsync());
    }

    [Fact]
    public async Task A_large_output_spills_to_a_blob_and_another_instance_resolves_the_reference()
    {
        // Arrange
        var storage = await FreshStorage.CreateAsync(azurite, outputInlineLimitBytes: 1024);
        var rows = Enumerable.Range(0, 500).Select(i => new { id = i, name = $"row {i} ✓" });
        var output = Json(JsonSerializer.Serialize(rows));

        // Act
        var reference = await new BlobOutputStore(storage.Containers, storage.Options)
            .SpillIfLargeAsync(Run, "extract", 1, output, CancellationToken.None);
        var resolved = await new BlobOutputStore(storage.OtherInstance(), storage.Options)
            .ResolveAsync(reference!.Value, CancellationToken.None);

        // Assert
        Assert.Equal(BlobNames.AttemptOutput(Run, "extract", 1), OutputReference.LocationOf(reference.Value));
        Assert.True(reference.Value.GetRawText().Length < 1024);
        Assert.Equal(output.GetRawText(), resolved.GetRawText());
    }

    [Fact]
    public async Task A_spilled_output_is_not_listed_as_an_attempt_record()
    {
        // Arrange
        var storage = await FreshStorage.CreateAsync(azurite, outputInlineLimitBytes: 16);
        var attempts = new AttemptStore(storage.Containers);
        await new BlobOutputStore(storage.Containers, storage.Options).SpillIfLargeAsync(Run, "extract", 1,
            Json("""{"text":"more than sixteen bytes"}"""), CancellationToken.None);

        // Act
        var records = await attempts.ListAsync(Run, null, CancellationToken.None);

        // Assert
        Assert.Empty(records);
    }

    [Fact]
    public async Task A_reference_to_a_blob_that_is_not_an_output_is_refused()
    {
        // Arrange
        var storage = await FreshStorage.CreateAsync(azurite, outputInlineLimitBytes: 16);
        var store = new BlobOutputStore(storage.Containers, storage.Options);
        var forged = OutputReference.Create(BlobNames.AttemptLog(Run, "extract", 1), 10);

        // Act and assert
        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            store.ResolveAsync(forged, CancellationToken.None).AsTask());
    }

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();
}
