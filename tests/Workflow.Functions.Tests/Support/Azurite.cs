using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text;
using Workflow.Tests.Shared;

namespace Workflow.Functions.Tests.Support;

/// <summary>
/// The Azure Storage emulator (Azurite: Blob, Queue and Table) as a child process on free 127.0.0.1 ports, with a
/// temporary workspace. It runs under <c>timeout</c>, so it stops by itself even if the test run dies; disposing
/// kills it and deletes the workspace. The npm package is installed into the test project's <c>Azurite</c> folder by
/// its build.
/// </summary>
public sealed class Azurite : IAsyncDisposable
{
    /// <summary>Azurite's well-known development account (public, documented; not a secret).</summary>
    private const string AccountName = "devstoreaccount1";

    private const string AccountKey =
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly Process _process;
    private readonly string _workspace;
    private readonly StringBuilder _output = new();

    private Azurite(Process process, string workspace, int blobPort, int queuePort, int tablePort)
    {
        _process = process;
        _workspace = workspace;
        BlobPort = blobPort;
        QueuePort = queuePort;
        TablePort = tablePort;
    }

    public int BlobPort { get; }
    public int QueuePort { get; }
    public int TablePort { get; }

    /// <summary>A connection string for the three services, as the Azure SDKs and Durable's backend take it.</summary>
    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{BlobPort}/{AccountName};" +
        $"QueueEndpoint=http://127.0.0.1:{QueuePort}/{AccountName};" +
        $"TableEndpoint=http://127.0.0.1:{TablePort}/{AccountName};";

    public static async Task<Azurite> StartAsync()
    {
        var directory = typeof(Azurite).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "AzuriteDirectory").Value!;
        var executable = Path.Combine(directory, "node_modules", ".bin", "azurite");
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException(
                $"Azurite is not installed at {executable}; building the test project runs 'npm ci' in {directory}.");
        }

        var workspace = Directory.CreateTempSubdirectory("wf-azurite-").FullName;
        var (blob, queue, table) = (FreePort(), FreePort(), FreePort());
        var start = new ProcessStartInfo("timeout")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "--signal=KILL", "900", executable, "--silent", "--skipApiVersionCheck", "--loose",
                     "--disableTelemetry", "--location", workspace,
                     "--blobHost", "127.0.0.1", "--blobPort", blob.ToString(),
                     "--queueHost", "127.0.0.1", "--queuePort", queue.ToString(),
                     "--tableHost", "127.0.0.1", "--tablePort", table.ToString() })
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Azurite did not start.");
        var azurite = new Azurite(process, workspace, blob, queue, table);
        process.OutputDataReceived += (_, e) => azurite.Append(e.Data);
        process.ErrorDataReceived += (_, e) => azurite.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await Poll.UntilAsync(async () =>
            {
                if (process.HasExited)
                {
                    throw new InvalidOperationException($"Azurite exited with {process.ExitCode}: {azurite.Output}");
                }

                return await AcceptsAsync(blob) && await AcceptsAsync(queue) && await AcceptsAsync(table);
            }, "Azurite to listen on its three ports", seconds: 240);
        }
        catch
        {
            await azurite.DisposeAsync();
            throw;
        }

        return azurite;
    }

    /// <summary>What Azurite wrote so far, for failure messages.</summary>
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

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_workspace, recursive: true);
        }
        catch (IOException)
        {
            // A file still closing; the temporary folder is left for the OS to clean.
        }
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

    private static async Task<bool> AcceptsAsync(int port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
