namespace Workflow.Cli.Tests.Support;

/// <summary>
/// One real host, without the sample pipelines, shared by the end-to-end tests of a class; each test uses its own
/// pipeline ids.
/// </summary>
public sealed class HostFixture : IAsyncLifetime
{
    private HostProcess? _host;

    public HostProcess Host => _host ?? throw new InvalidOperationException("The host is not started.");

    public async Task InitializeAsync()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        _host = await HostProcess.StartAsync(["--Workflow:Samples=false"], cts.Token);
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}
