using System.Reflection;
using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Core.FunctionMetadata;
using Workflow.Functions.Http;

namespace Workflow.Functions.Tests.Publish;

/// <summary>What the Functions host needs in the deployment package of the app project: the metadata of every
/// function of the library it references, the worker configuration and host.json.</summary>
public sealed class PublishTests(PublishedApp app) : IClassFixture<PublishedApp>
{
    [Fact]
    public void Publish_succeeds()
    {
        Assert.True(app.ExitCode == 0, $"dotnet publish exited with {app.ExitCode}:\n{app.Output}");
    }

    [Fact]
    public void Function_metadata_lists_every_function_of_the_library_with_its_trigger()
    {
        // Arrange
        var declared = DeclaredFunctions();

        // Act
        using var metadata = JsonDocument.Parse(File.ReadAllText(Path.Combine(app.Directory, "functions.metadata")));
        var functions = metadata.RootElement.EnumerateArray().ToList();

        // Assert
        Assert.NotEmpty(declared);
        Assert.Equal(declared, functions.Select(f => f.GetProperty("name").GetString()!).Order().ToList());
        Assert.All(functions, f => Assert.Contains(f.GetProperty("bindings").EnumerateArray(),
            b => b.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal)));
    }

    /// <summary>
    /// The worker finds its functions at run time (worker indexing) through the metadata provider the SDK's source
    /// generator writes into the app's assembly; the functions live in the referenced library, so it must list them.
    /// </summary>
    [Fact]
    public async Task The_workers_generated_metadata_provider_lists_every_function_of_the_library()
    {
        // Arrange
        var declared = DeclaredFunctions();
        var assembly = Assembly.LoadFrom(Path.Combine(app.Directory, "Workflow.Functions.App.dll"));
        var type = Assert.Single(assembly.GetTypes(),
            t => t.IsClass && typeof(IFunctionMetadataProvider).IsAssignableFrom(t));
        var provider = (IFunctionMetadataProvider)Activator.CreateInstance(type)!;

        // Act
        var functions = await provider.GetFunctionMetadataAsync(app.Directory);

        // Assert
        Assert.NotEmpty(declared);
        Assert.Equal(declared, functions.Select(f => f.Name!).Order().ToList());
    }

    [Fact]
    public void Worker_configuration_points_at_the_published_app_assembly()
    {
        // Act
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(app.Directory, "worker.config.json")));
        var description = config.RootElement.GetProperty("description");

        // Assert
        Assert.Equal("dotnet-isolated", description.GetProperty("language").GetString());
        var worker = description.GetProperty("defaultWorkerPath").GetString()!;
        Assert.True(File.Exists(Path.Combine(app.Directory, worker)), $"{worker} is not in the published folder");
    }

    [Fact]
    public void Host_json_is_the_repository_one()
    {
        // Arrange
        var repository = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(PublishedApp.Metadata("FunctionsProject"))!,
            "..", "..", "host.json"));

        // Act
        var published = File.ReadAllText(Path.Combine(app.Directory, "host.json"));

        // Assert
        Assert.Equal(File.ReadAllText(repository), published);
    }

    [Fact]
    public void The_dashboards_static_files_from_the_library_are_in_the_package()
    {
        // Arrange
        var repository = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(PublishedApp.Metadata("FunctionsProject"))!,
            "..", "Workflow.Host", "wwwroot"));
        var files = Directory.GetFiles(repository, "*", SearchOption.AllDirectories);

        // Act
        var missing = files.Select(f => Path.GetRelativePath(repository, f))
            .Where(f => !File.Exists(Path.Combine(app.Directory, "wwwroot", f)))
            .ToList();

        // Assert
        Assert.NotEmpty(files);
        Assert.Empty(missing);
    }

    [Fact]
    public void The_host_side_Durable_extension_is_bundled()
    {
        // Act
        var extensions = Path.Combine(app.Directory, ".azurefunctions");

        // Assert
        Assert.True(Directory.Exists(extensions), "the .azurefunctions folder of host extensions is missing");
        var files = Directory.GetFiles(extensions).Select(Path.GetFileName).ToList();
        Assert.Contains("Microsoft.Azure.WebJobs.Extensions.DurableTask.dll", files);
    }

    /// <summary>The <c>[Function]</c> methods of the Workflow.Functions library, by function name.</summary>
    private static List<string> DeclaredFunctions() =>
        typeof(ApiFunctions).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static))
            .Select(m => m.GetCustomAttribute<FunctionAttribute>()?.Name)
            .OfType<string>()
            .Order()
            .ToList();
}
