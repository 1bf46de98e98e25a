using System.Diagnostics;

namespace Workflow.Cli.Tests.Support;

/// <summary>
/// Runs a real child process with redirected output and a deadline, under <c>timeout</c> so that it also ends
/// when the test run dies.
/// </summary>
internal static class ChildProcess
{
    public static async Task<CliResult> RunAsync(string fileName, IEnumerable<string> args,
        IReadOnlyDictionary<string, string?> environment, TimeSpan deadline)
    {
        var start = new ProcessStartInfo("timeout")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("--signal=KILL");
        start.ArgumentList.Add(((int)deadline.TotalSeconds + 30).ToString(System.Globalization.CultureInfo.InvariantCulture));
        start.ArgumentList.Add(fileName);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{fileName} did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(deadline);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', args)} did not finish within {deadline}.");
        }

        return new CliResult(process.ExitCode, await stdout, await stderr);
    }
}
