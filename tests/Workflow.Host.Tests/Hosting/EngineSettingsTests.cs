using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Workflow.Engine;
using Workflow.Host.Hosting;

namespace Workflow.Host.Tests.Hosting;

/// <summary>The engine's pools, purge and retention are settings of the host, under <c>Workflow:Engine</c>.</summary>
public sealed class EngineSettingsTests
{
    [Fact]
    public void Pool_capacities_purge_interval_and_retention_are_read_from_the_configuration()
    {
        // Arrange
        var directory = Directory.CreateTempSubdirectory("wf-settings-").FullName;
        using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseSetting("Workflow:DataDirectory", directory);
            b.UseSetting("Workflow:Engine:Pools:cpu", "3");
            b.UseSetting("Workflow:Engine:Pools:gpu", "1");
            b.UseSetting("Workflow:Engine:DefaultPoolCapacity", "5");
            b.UseSetting("Workflow:Engine:PurgeInterval", "00:10:00");
            b.UseSetting("Workflow:Engine:DefaultRetention", "7.00:00:00");
            b.UseSetting("Workflow:Engine:PurgeMaxRowsPerTable", "250");
        });

        // Act
        var options = factory.Services.GetRequiredService<IOptions<EngineOptions>>().Value;

        // Assert
        Assert.Equal(3, options.Pools["cpu"]);
        Assert.Equal(1, options.Pools["gpu"]);
        Assert.Equal(64, options.Pools["io"]);
        Assert.Equal(5, options.DefaultPoolCapacity);
        Assert.Equal(TimeSpan.FromMinutes(10), options.PurgeInterval);
        Assert.Equal(TimeSpan.FromDays(7), options.DefaultRetention);
        Assert.Equal(250, options.PurgeMaxRowsPerTable);
        Assert.Equal(directory, options.DataDirectory);
    }

    [Fact]
    public void Every_engine_setting_in_the_shipped_appsettings_names_a_real_option()
    {
        // Arrange
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(HostPaths.HostProjectDirectory(), "appsettings.json"))
            .Build();
        var section = configuration.GetSection(WorkflowHost.EngineSection);

        // Act
        var options = section.Get<EngineOptions>(b => b.ErrorOnUnknownConfiguration = true);

        // Assert
        Assert.True(section.Exists());
        Assert.NotNull(options);
        Assert.Equal(section.GetSection("Pools").GetChildren().Count(), options.Pools.Count(p =>
            section[$"Pools:{p.Key}"] == p.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }
}
