using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Workflow.Tests.Shared;

/// <summary>
/// The real embedded host as a child process on a free 127.0.0.1 port, in Development (so the dev token issuer
/// exists), with a fresh temporary directory as its working directory (so its default data directory is
/// <c>{DataDirectory}/.workflow</c>). It runs under <c>timeout</c>, so it stops by itself even if the test run dies.
/// Shared by the CLI's end-to-end tests and the host's browser and sample tests.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(120);
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private readonly bool _ownsDirectory;

    private HostProcess(Process process, Uri baseAddress, string dataDirectory, bool ownsDirectory)
    {
        _process = process;
        BaseAddress = baseAddress;
        DataDirectory = dataDirectory;
        _ownsDirectory = ownsDirectory;
    }

    public Uri BaseAddress { get; }

    public string DataDirectory { get; }

    /// <summary>What the host wrote so far, for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static Task<HostProcess> StartAsync(CancellationToken cancellationToken) =>
        StartAsync([], cancellationToken);

    /// <summary>Starts the host with <paramref name="arguments"/> added to its command line (settings such as
    /// <c>--Workflow:Samples=false</c>), and returns once it answers <c>/api/health</c>. Given a
    /// <paramref name="workingDirectory"/>, the host runs there (a restart on the same data) and the directory is
    /// left for the caller to delete.</summary>
    public static async Task<HostProcess> StartAsync(IReadOnlyList<string> arguments,
        CancellationToken cancellationToken, string? workingDirectory = null)
    {
        var host = Launch(arguments, workingDirectory);
        try
        {
            await host.WaitUntilHealthyAsync(cancellationToken);
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }

        return host;
    }

    /// <summary>Starts the host like <see cref="StartAsync(IReadOnlyList{string}, CancellationToken, string?)"/>
    /// but returns at once, for a host that is expected to exit by itself.</summary>
    public static HostProcess Launch(IReadOnlyList<string> arguments, string? workingDirectory = null)
    {
        var dataDirectory = workingDirectory ?? Directory.CreateTempSubdirectory("wf-host-").FullName;
        var baseAddress = new Uri($"http://127.0.0.1:{FreePort()}/");
        var start = new ProcessStartInfo("timeout")
        {
            WorkingDirectory = dataDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // The timeout is a backstop only: the tests kill the host when they finish.
        foreach (var arg in new[] { "--signal=KILL", "900", "dotnet", HostPaths.HostAssembly(),
                     "--urls", baseAddress.ToString().TrimEnd('/'),
                     "--contentRoot", HostPaths.HostProjectDirectory(),
                     "--environment", "Development" }.Concat(arguments))
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["DOTNET_ENVIRONMENT"] = "Development";
        start.Environment["Logging__LogLevel__Default"] = "Warning";

        var process = Process.Start(start) ?? throw new InvalidOperationException("The host process did not start.");
        var host = new HostProcess(process, baseAddress, dataDirectory, ownsDirectory: workingDirectory is null);
        process.OutputDataReceived += (_, e) => host.Append(e.Data);
        process.ErrorDataReceived += (_, e) => host.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return host;
    }

    /// <summary>The host's own process id: the child of the <c>timeout</c> wrapper, or 0 once it is gone.</summary>
    public int HostProcessId
    {
        get
        {
            var children = $"/proc/{_process.Id}/task/{_process.Id}/children";
            var text = File.Exists(children) ? File.ReadAllText(children).Trim() : string.Empty;
            return text.Length == 0 ? 0 : int.Parse(text.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    /// <summary>Waits for the host to exit by itself and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(CancellationToken cancellationToken)
    {
        await _process.WaitForExitAsync(cancellationToken);
        return _process.ExitCode;
    }

    /// <summary>
    /// SIGKILL of the host process alone, as a crash does: its own children (process tasks) are not signalled.
    /// Returns once the host is gone.
    /// </summary>
    public async Task CrashAsync(CancellationToken cancellationToken)
    {
        var pid = HostProcessId;
        if (pid == 0)
        {
            throw new InvalidOperationException($"The host is not running:\n{Output}");
        }

        using (var host = Process.GetProcessById(pid))
        {
            host.Kill(entireProcessTree: false);
        }

        // The timeout wrapper exits as soon as its child, the host, is dead.
        await _process.WaitForExitAsync(cancellationToken);
    }

    private async Task WaitUntilHealthyAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        await Poll.GetAsync(async () =>
            {
                if (_process.HasExited)
                {
                    throw new InvalidOperationException(
                        $"The host exited with code {_process.ExitCode} before it answered /api/health:\n{Output}");
                }

                try
                {
                    using var response = await http.GetAsync("api/health", cancellationToken);
                    return response.StatusCode == HttpStatusCode.OK;
                }
                catch (HttpRequestException)
                {
                    return false; // Not listening yet.
                }
                catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    return false; // Slow to answer under load; ask again.
                }
            },
            healthy => healthy, "the host to answer /api/health", StartDeadline, _ => "\n" + Output);
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await _process.WaitForExitAsync(cts.Token);
        }

        _process.Dispose();
        if (!_ownsDirectory)
        {
            return;
        }

        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open; the temp folder is cleaned by the OS.
        }
    }
}
