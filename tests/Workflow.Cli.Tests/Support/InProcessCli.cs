using Workflow.Cli.Rendering;

namespace Workflow.Cli.Tests.Support;

/// <summary>
/// Runs <c>wf</c> through its real entry point in this process, with its own environment variables (so the
/// token file lives in a temp config dir) and captured, non-interactive output.
/// </summary>
public sealed class InProcessCli
{
    private readonly Dictionary<string, string?> _variables;

    public InProcessCli(string configHome, IDictionary<string, string?>? variables = null)
    {
        _variables = new Dictionary<string, string?>(variables ?? new Dictionary<string, string?>())
        {
            ["XDG_CONFIG_HOME"] = configHome,
            ["HOME"] = configHome,
        };
    }

    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>What the command reads from stdin (<c>wf secrets set</c>); empty when not set.</summary>
    public string Input { get; init; } = "";

    public InProcessCli With(string name, string? value)
    {
        _variables[name] = value;
        return this;
    }

    public async Task<CliResult> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var env = new CliEnvironment(output, error, CliEnvironment.PlainConsole(output, 200),
            name => _variables.GetValueOrDefault(name), TimeProvider.System, TerminalInfo.NonInteractive)
        {
            PollInterval = PollInterval,
            In = new StringReader(Input),
        };
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var code = await CliApp.RunAsync(args, env, timeout.Token);
        return new CliResult(code, output.ToString(), error.ToString());
    }
}
