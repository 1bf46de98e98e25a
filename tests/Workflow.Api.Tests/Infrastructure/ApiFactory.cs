using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Workflow.Api.Tests.Infrastructure;

/// <summary>
/// The real host (engine on a SQLite file in a temporary directory, the real API pipeline) behind an in-memory
/// test server. Samples and the schedule tick are off so that every run in a test is one the test started.
/// </summary>
public class ApiFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;

    public ApiFactory()
        : this("Development", null)
    {
    }

    protected ApiFactory(string environment, IDictionary<string, string?>? settings)
    {
        Environment = environment;
        DataDirectory = Path.Combine(Path.GetTempPath(), "wf-api-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(DataDirectory);
        _settings = new(StringComparer.Ordinal)
        {
            ["Workflow:DataDirectory"] = DataDirectory,
            ["Workflow:Samples"] = "false",
            ["Workflow:Scheduler:Enabled"] = "false",
            ["Workflow:Api:RateLimitPermits"] = "100000",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }
    }

    public string Environment { get; }

    public string DataDirectory { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environment);
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, AnsweredStatuses.Recorder>());
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            try
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A file still held open by a closing connection; the OS temp cleaner removes it later.
            }
        }
    }
}

/// <summary>The same host in the Production environment: no development token issuer.</summary>
public sealed class ProductionApiFactory() : ApiFactory("Production", null);
