using System.Text.Json;

namespace Workflow.Functions.Tests.Publish;

/// <summary>
/// The Azure app runs the task handlers and the schedule tick from <c>Workflow.Runtime</c>, not from the embedded
/// engine: neither the engine project nor SQLite may be in the deployed app's dependency closure. The app's restore
/// lists that closure, packages and projects, in its assets file.
/// </summary>
public sealed class DependencyClosureTests
{
    [Theory]
    [InlineData("Workflow.Engine")]
    [InlineData("Microsoft.Data.Sqlite")]
    [InlineData("Microsoft.Data.Sqlite.Core")]
    [InlineData("SQLitePCLRaw.core")]
    public void The_deployed_app_does_not_depend_on(string library)
    {
        // Act
        var closure = AppClosure();

        // Assert
        Assert.Contains("Workflow.Runtime", closure);
        Assert.DoesNotContain(library, closure);
    }

    private static HashSet<string> AppClosure()
    {
        var assets = Path.Combine(Path.GetDirectoryName(PublishedApp.Metadata("FunctionsProject"))!, "obj",
            "project.assets.json");
        Assert.True(File.Exists(assets), $"{assets} does not exist: the build did not restore the app");
        using var document = JsonDocument.Parse(File.ReadAllText(assets));
        return document.RootElement.GetProperty("libraries").EnumerateObject()
            .Select(library => library.Name.Split('/')[0])
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
    }
}
