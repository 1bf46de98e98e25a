using System.Diagnostics;
using System.Reflection;
using System.Text;

namespace Workflow.Functions.Tests.Publish;

/// <summary>
/// The Functions app published with <c>dotnet publish --no-build</c> (from the build the test project already made)
/// into a temporary folder, once for every test of the class; the folder is what <c>azd deploy</c> zips.
/// </summary>
public sealed class PublishedApp : IAsyncLifetime
{
    private static readonly TimeSpan PublishDeadline = TimeSpan.FromMinutes(5);

    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("wf-publish-").FullName;

    public string Output { get; private set; } = "";

    public int ExitCode { get; private set; } = -1;

    public static string Metadata(string key) =>
        typeof(PublishedApp).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;

    public async Task InitializeAsync()
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "publish", Metadata("FunctionsProject"), "--no-build", "--nologo",
                     "-c", Metadata("Configuration"), "-o", Directory })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet publish did not start.");
        var output = new StringBuilder();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(PublishDeadline);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet publish did not finish within {PublishDeadline}.");
        }

        output.Append(await stdout).Append(await stderr);
        Output = output.ToString();
        ExitCode = process.ExitCode;
    }

    public Task DisposeAsync()
    {
        System.IO.Directory.Delete(Directory, recursive: true);
        return Task.CompletedTask;
    }
}
