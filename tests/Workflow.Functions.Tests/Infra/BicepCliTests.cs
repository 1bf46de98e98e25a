using System.Text.Json;

namespace Workflow.Functions.Tests.Infra;

/// <summary>The Bicep compiles and lints clean with the real CLI: any error or warning fails, with its text.</summary>
public sealed class BicepCliTests
{
    [Fact]
    public async Task Bicep_build_compiles_main_bicep_with_no_error_or_warning()
    {
        // Act
        var run = await CompiledTemplate.BuildAsync();

        // Assert
        Assert.True(run.ExitCode == 0, $"bicep build failed: {run}");
        Assert.True(run.Diagnostics.Count == 0, $"bicep build reported:\n{string.Join('\n', run.Diagnostics)}");
        Assert.StartsWith("{", run.Stdout.TrimStart(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bicep_lint_finds_no_error_or_warning_in_main_bicep_and_its_modules()
    {
        // Act
        var run = await BicepCli.RunAsync("lint", "infra/main.bicep");

        // Assert
        Assert.True(run.ExitCode == 0, $"bicep lint failed: {run}");
        Assert.True(run.Diagnostics.Count == 0, $"bicep lint reported:\n{string.Join('\n', run.Diagnostics)}");
    }

    [Fact]
    public void Bicepconfig_does_not_turn_off_a_rule_or_lower_one_below_warning()
    {
        // Arrange
        var path = RepositoryFiles.PathOf("infra/bicepconfig.json");
        var options = new JsonDocumentOptions
        {
            CommentHandling = JsonCommentHandling.Skip,
        };

        // Act
        var core = JsonDocument.Parse(File.ReadAllText(path), options).RootElement
            .GetProperty("analyzers").GetProperty("core");
        var rules = core.GetProperty("rules").EnumerateObject()
            .Select(r => (r.Name, Level: r.Value.GetProperty("level").GetString()))
            .ToList();

        // Assert
        Assert.True(core.GetProperty("enabled").GetBoolean(), "bicepconfig.json turns the linter off.");
        Assert.NotEmpty(rules);
        Assert.All(rules, r => Assert.True(r.Level is "warning" or "error",
            $"bicepconfig.json sets {r.Name} to '{r.Level}': fix the template instead of silencing the rule."));
    }
}
