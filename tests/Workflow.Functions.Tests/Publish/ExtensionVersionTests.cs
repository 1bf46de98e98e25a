using System.Text.Json;
using System.Text.RegularExpressions;

namespace Workflow.Functions.Tests.Publish;

/// <summary>
/// The Functions SDK builds the host-side extensions (Durable, timers) from a project it generates, outside this
/// repository's NuGet settings. Where the package source lacks the version an extension asks for, restore takes a
/// close one (NU1603). Every such change must be one that docs/azure.md lists, so none goes unnoticed.
/// </summary>
public sealed partial class ExtensionVersionTests
{
    [Fact]
    public void Every_close_version_the_extension_restore_took_is_documented()
    {
        // Arrange
        var documented = DocumentedChanges();

        // Act
        var taken = TakenChanges(Path.Combine(AppDirectory, "obj", PublishedApp.Metadata("Configuration"), "net10.0",
            "WorkerExtensions", "obj", "project.assets.json"));

        // Assert
        Assert.Empty(taken.Except(documented));
    }

    [Fact]
    public void The_app_restore_itself_took_no_close_version()
    {
        // Act
        var taken = TakenChanges(Path.Combine(AppDirectory, "obj", "project.assets.json"));

        // Assert
        Assert.Empty(taken);
    }

    private static string AppDirectory => Path.GetDirectoryName(PublishedApp.Metadata("FunctionsProject"))!;

    private static HashSet<string> TakenChanges(string assetsFile)
    {
        Assert.True(File.Exists(assetsFile), $"{assetsFile} does not exist: the build did not restore it");
        using var assets = JsonDocument.Parse(File.ReadAllText(assetsFile));
        var changes = new HashSet<string>();
        if (!assets.RootElement.TryGetProperty("logs", out var logs))
        {
            return changes;
        }

        foreach (var log in logs.EnumerateArray().Where(l => l.GetProperty("code").GetString() == "NU1603"))
        {
            var match = Nu1603().Match(log.GetProperty("message").GetString()!);
            Assert.True(match.Success, $"Unexpected NU1603 message: {log}");
            changes.Add($"{match.Groups["id"].Value} {match.Groups["asked"].Value} -> {match.Groups["taken"].Value}");
        }

        return changes;
    }

    private static HashSet<string> DocumentedChanges()
    {
        var doc = File.ReadAllLines(Path.Combine(AppDirectory, "..", "..", "docs", "azure.md"));
        return doc.Select(l => DocRow().Match(l)).Where(m => m.Success)
            .Select(m => $"{m.Groups["id"].Value} {m.Groups["asked"].Value} -> {m.Groups["taken"].Value}")
            .ToHashSet();
    }

    [GeneratedRegex(@"depends on (?<id>[\w.]+) \(>= (?<asked>[\w.-]+)\) but .* (?<taken>[\w.-]+) was resolved instead")]
    private static partial Regex Nu1603();

    [GeneratedRegex(@"^\| `(?<id>[\w.]+)` \| (?<asked>[\w.-]+) \| (?<taken>[\w.-]+) \|")]
    private static partial Regex DocRow();
}
