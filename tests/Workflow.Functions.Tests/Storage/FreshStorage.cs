using Microsoft.Extensions.Options;
using Workflow.Functions.Storage;
using Workflow.Functions.Tests.Support;

namespace Workflow.Functions.Tests.Storage;

/// <summary>
/// The app's two containers on the shared Azurite, under names no other test uses, created the way the app creates
/// them locally (<see cref="LocalContainersInitializer"/>).
/// </summary>
internal sealed record FreshStorage(BlobContainers Containers, IOptions<StorageOptions> Options)
{
    public static async Task<FreshStorage> CreateAsync(AzuriteFixture azurite, int outputInlineLimitBytes = 32 * 1024)
    {
        var unique = Guid.NewGuid().ToString("N");
        var options = Microsoft.Extensions.Options.Options.Create(new StorageOptions
        {
            ConnectionString = azurite.ConnectionString,
            DefinitionsContainer = $"def-{unique}",
            LogsContainer = $"logs-{unique}",
            OutputInlineLimitBytes = outputInlineLimitBytes,
        });
        var containers = new BlobContainers(options);
        await new LocalContainersInitializer(containers, options).StartAsync(CancellationToken.None);
        return new FreshStorage(containers, options);
    }

    /// <summary>Another app instance on the same storage: its own clients, nothing shared in memory.</summary>
    public BlobContainers OtherInstance() => new(Options);

    /// <summary>Every blob name in the definitions container, for asserting what a store wrote.</summary>
    public async Task<List<string>> DefinitionBlobsAsync()
    {
        var names = new List<string>();
        await foreach (var blob in Containers.Definitions.GetBlobsAsync())
        {
            names.Add(blob.Name);
        }

        return names;
    }
}
