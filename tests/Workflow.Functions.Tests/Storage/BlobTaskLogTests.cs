using Workflow.Functions.Storage;
using Workflow.Functions.Tests.Support;
using Workflow.Services;

namespace Workflow.Functions.Tests.Storage;

[Collection(AzuriteCollection.Name)]
public sealed class BlobTaskLogTests(AzuriteFixture azurite)
{
    private const string Run = "sales@20260301T020000Z/load[2]#1";

    [Fact]
    public async Task Lines_land_in_order_in_the_append_blob_and_the_byte_count_matches_it()
    {
        // Arrange
        var attempts = new AttemptStore((await FreshStorage.CreateAsync(azurite)).Containers);
        var lines = Enumerable.Range(0, 500).Select(i => $"line {i}: größe ✓").ToList();

        // Act
        long written;
        await using (var log = await new BlobTaskLogFactory(attempts, TimeProvider.System)
                         .OpenAsync(Run, "extract", 1, CancellationToken.None))
        {
            lines.ForEach(log.WriteLine);
            written = log.BytesWritten;
        }

        // Assert
        var text = (await attempts.Log(Run, "extract", 1).DownloadContentAsync()).Value.Content;
        Assert.Equal(string.Concat(lines.Select(l => l + "\n")), text.ToString());
        Assert.Equal(written, text.ToArray().LongLength);
    }

    [Fact]
    public async Task A_burst_larger_than_a_block_is_appended_as_several_blocks_the_blob_accepts()
    {
        // Arrange
        var attempts = new AttemptStore((await FreshStorage.CreateAsync(azurite)).Containers);
        var line = new string('x', 64 * 1024 - 1);

        // Act
        await using (var log = await new BlobTaskLogFactory(attempts, TimeProvider.System)
                         .OpenAsync(Run, "extract", 1, CancellationToken.None))
        {
            for (var i = 0; i < 80; i++)
            {
                log.WriteLine(line);
            }
        }

        // Assert: 5 MiB in blocks of at most 1 MiB, all of them committed.
        var properties = (await attempts.Log(Run, "extract", 1).GetPropertiesAsync()).Value;
        Assert.Equal(80L * 64 * 1024, properties.ContentLength);
        Assert.InRange(properties.BlobCommittedBlockCount, 5, 80);
    }

    [Fact]
    public async Task A_line_longer_than_the_blobs_block_limit_is_cut_and_the_log_goes_on()
    {
        // Arrange
        var attempts = new AttemptStore((await FreshStorage.CreateAsync(azurite)).Containers);

        // Act
        await using (var log = await new BlobTaskLogFactory(attempts, TimeProvider.System)
                         .OpenAsync(Run, "extract", 1, CancellationToken.None))
        {
            log.WriteLine(new string('é', 3 * 1024 * 1024));
            log.WriteLine("after");
        }

        // Assert
        var text = (await attempts.Log(Run, "extract", 1).DownloadContentAsync()).Value.Content.ToString();
        Assert.EndsWith(" [line cut]\nafter\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reopening_the_log_of_a_resumed_attempt_appends_to_what_it_wrote_before()
    {
        // Arrange
        var attempts = new AttemptStore((await FreshStorage.CreateAsync(azurite)).Containers);
        var factory = new BlobTaskLogFactory(attempts, TimeProvider.System);
        await using (var log = await factory.OpenAsync(Run, "wait", 1, CancellationToken.None))
        {
            log.WriteLine("suspended");
        }

        // Act
        await using (var log = await factory.OpenAsync(Run, "wait", 1, CancellationToken.None))
        {
            log.WriteLine("resumed");
        }

        // Assert
        var chunk = await attempts.ReadAsync(Run, "wait", 1, LogRange.From(0, 1000), finished: true, CancellationToken.None);
        Assert.Equal("suspended\nresumed\n", chunk?.Text);
    }
}
