using Azure.Storage.Blobs;
using Workflow.Functions.Storage;
using Workflow.Functions.Tests.Support;

namespace Workflow.Functions.Tests.Storage;

[Collection(AzuriteCollection.Name)]
public sealed class AzuriteSmokeTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_blob_written_to_the_emulator_reads_back()
    {
        // Arrange
        var container = new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient("smoke");
        await container.CreateIfNotExistsAsync();

        // Act
        await container.GetBlobClient("a.txt").UploadAsync(BinaryData.FromString("hello"), overwrite: true);
        var read = await container.GetBlobClient("a.txt").DownloadContentAsync();

        // Assert
        Assert.Equal("hello", read.Value.Content.ToString());
    }
}
