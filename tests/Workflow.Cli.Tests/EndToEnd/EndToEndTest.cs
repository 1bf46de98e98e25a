using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Workflow.Cli.Tests.Support;

namespace Workflow.Cli.Tests.EndToEnd;

/// <summary>
/// Base of the end-to-end tests: a <c>wf</c> pointed at the shared real host through <c>WF_SERVER</c>, with its
/// own config directory, so each test logs in for itself and keeps its own token file.
/// </summary>
public abstract partial class EndToEndTest : IDisposable
{
    private readonly TempDirectory _config = new();

    protected EndToEndTest(HostFixture fixture)
    {
        Host = fixture.Host;
        Cli = new InProcessCli(_config.Path).With("WF_SERVER", Host.BaseAddress.ToString());
    }

    protected HostProcess Host { get; }

    protected InProcessCli Cli { get; }

    protected string ConfigDirectory => _config.Path;

    /// <summary>
    /// A copy of a pipeline file under a fresh id (the tests share one host), optionally edited; returns its path.
    /// </summary>
    protected string PipelineCopy(string name, out string id, Action<JsonObject>? edit = null)
    {
        var json = JsonNode.Parse(File.ReadAllText(RepoPaths.Pipeline(name)))!.AsObject();
        id = $"{json["id"]}-{Guid.NewGuid().ToString("N")[..10]}";
        json["id"] = id;
        return WritePipeline(json, edit);
    }

    /// <summary>Writes <paramref name="json"/> (after <paramref name="edit"/>) to a new file in the config folder.</summary>
    protected string WritePipeline(JsonObject json, Action<JsonObject>? edit = null)
    {
        edit?.Invoke(json);
        var path = Path.Combine(_config.Path, $"{json["id"]}-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json.ToJsonString());
        return path;
    }

    protected async Task LoginAsync(string user = "alice", string groups = "data-eng", string roles = "editor")
    {
        var login = await Cli.RunAsync("login", "--dev", "--user", user, "--groups", groups, "--roles", roles);
        Assert.True(login.ExitCode == 0, login + Host.Output);
    }

    protected async Task<string> TriggerAsync(string pipeline, params string[] extra)
    {
        var result = await Cli.RunAsync(["runs", "trigger", pipeline, "--quiet", .. extra]);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result.Out.Trim();
    }

    /// <summary>Asserts success and returns stdout, showing everything (and the host's log) when it fails.</summary>
    protected async Task<string> SucceedsAsync(params string[] args)
    {
        var result = await Cli.RunAsync(args);
        Assert.True(result.ExitCode == 0, $"wf {string.Join(' ', args)}\n{result}\n--- host ---\n{Host.Output}");
        return result.Out;
    }

    protected static string[] Lines(string text) => text.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    [GeneratedRegex("^cli-[a-z0-9-]+@manual-\\S+$")]
    protected static partial Regex ManualRunId();

    public void Dispose()
    {
        _config.Dispose();
        GC.SuppressFinalize(this);
    }
}
