namespace Workflow.Functions.Tests.Support;

/// <summary>One Azurite for every test class of the <see cref="AzuriteCollection"/>; each test uses its own
/// containers, tables, queues or task hub names, so tests do not see each other's data.</summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private Azurite? _azurite;

    public Azurite Azurite => _azurite ?? throw new InvalidOperationException("Azurite has not started.");

    public string ConnectionString => Azurite.ConnectionString;

    public async Task InitializeAsync() => _azurite = await Azurite.StartAsync();

    public async Task DisposeAsync()
    {
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}
