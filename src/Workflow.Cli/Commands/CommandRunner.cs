using System.CommandLine;
using Workflow.Cli.Api;
using Workflow.Cli.Config;
using Workflow.Cli.Rendering;

namespace Workflow.Cli.Commands;

/// <summary>
/// Runs a command's action inside one error policy: server problems, unreachable servers and usage mistakes
/// become one clear message on stderr and a documented exit code, never a stack trace.
/// </summary>
public sealed class CommandRunner
{
    private readonly CliEnvironment _env;
    private readonly GlobalOptions _global;

    public CommandRunner(CliEnvironment env, GlobalOptions global)
    {
        _env = env;
        _global = global;
    }

    public CliEnvironment Env => _env;

    public void SetAction(Command command, Func<ParseResult, Session, CancellationToken, Task<int>> action) =>
        command.SetAction((parse, ct) => RunAsync(parse, action, ct));

    private async Task<int> RunAsync(ParseResult parse, Func<ParseResult, Session, CancellationToken, Task<int>> action,
        CancellationToken ct)
    {
        try
        {
            var store = TokenStore.FromEnvironment(_env.GetVariable);
            var settings = await ConnectionSettings.ResolveAsync(parse.GetValue(_global.Server),
                parse.GetValue(_global.Token), _env.GetVariable, store, ct);
            using var api = new WorkflowApi(settings.Server, settings.Token);
            return await action(parse, new Session(_env, api, store, settings), ct);
        }
        catch (ApiException e)
        {
            foreach (var line in ProblemRenderer.Lines(e.Problem))
            {
                await _env.Error.WriteLineAsync(line);
            }

            return ExitCodes.Error;
        }
        catch (ServerUnreachableException e)
        {
            await _env.Error.WriteLineAsync($"error: {e.Message}");
            await _env.Error.WriteLineAsync(
                "  hint: start it with `dotnet run --project src/Workflow.Host`, or point wf elsewhere with " +
                $"--server URL or {ConnectionSettings.ServerVariable}.");
            return ExitCodes.Unreachable;
        }
        catch (CliUsageException e)
        {
            await _env.Error.WriteLineAsync($"error: {e.Message}");
            return ExitCodes.Error;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            await _env.Error.WriteLineAsync("Interrupted.");
            return ExitCodes.Interrupted;
        }
        finally
        {
            await _env.Out.FlushAsync(CancellationToken.None);
        }
    }
}
