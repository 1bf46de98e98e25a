using System.Diagnostics;
using System.Reflection;
using System.Text.RegularExpressions;

namespace Workflow.Functions.Tests.Infra;

/// <summary>
/// The real Bicep CLI, downloaded by the test project (<c>PackageDownload</c> of
/// <c>Azure.Bicep.CommandLine.linux-x64</c>), whose path the build writes into this assembly's metadata.
/// </summary>
internal static partial class BicepCli
{
    // A guard against a hang only: a build takes about 5 s of CPU, but at a load of 30 to 50 on two cores the CLI
    // gets a small share of one and has taken over 2 minutes of wall time.
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);
    private static readonly Lazy<string> Executable = new(Locate);

    // One CLI at a time: the build and the lint would otherwise compete with each other for the same cores.
    private static readonly SemaphoreSlim OneAtATime = new(1, 1);

    /// <summary>Runs <c>bicep</c> from the repository root, one run at a time; a run past the timeout is killed and
    /// fails.</summary>
    public static async Task<BicepRun> RunAsync(params string[] arguments)
    {
        await OneAtATime.WaitAsync();
        try
        {
            return await RunAloneAsync(arguments);
        }
        finally
        {
            OneAtATime.Release();
        }
    }

    private static async Task<BicepRun> RunAloneAsync(string[] arguments)
    {
        var start = new ProcessStartInfo(Executable.Value)
        {
            WorkingDirectory = RepositoryFiles.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("bicep did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"bicep {string.Join(' ', arguments)} ran longer than {Timeout}.");
        }

        return new BicepRun(process.ExitCode, await stdout, await stderr);
    }

    private static string Locate()
    {
        var path = typeof(BicepCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "BicepCliPath").Value;
        if (string.IsNullOrEmpty(path) || !File.Exists(path))
        {
            throw new FileNotFoundException(
                $"The Bicep CLI is not at '{path}': restore tests/Workflow.Functions.Tests (it downloads it).");
        }

        // The package is the linux-x64 CLI, so only Linux runs it. NuGet does not keep file modes when it extracts a
        // package: the binary may arrive without its execute bit.
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("The infra tests run the linux-x64 Bicep CLI: run them on Linux.");
        }

        var mode = File.GetUnixFileMode(path);
        const UnixFileMode execute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        if ((mode & UnixFileMode.UserExecute) == 0)
        {
            File.SetUnixFileMode(path, mode | execute);
        }

        return path;
    }

    [GeneratedRegex(@"^.*: (Warning|Error) .*$", RegexOptions.Multiline)]
    internal static partial Regex Diagnostic();
}

/// <summary>One finished CLI run. Diagnostics are its warning and error lines, which it prints on stderr.</summary>
internal sealed record BicepRun(int ExitCode, string Stdout, string Stderr)
{
    public IReadOnlyList<string> Diagnostics =>
        BicepCli.Diagnostic().Matches(Stderr).Select(m => m.Value.Trim()).ToList();

    public override string ToString() => $"exit code {ExitCode}\n{Stderr}";
}
