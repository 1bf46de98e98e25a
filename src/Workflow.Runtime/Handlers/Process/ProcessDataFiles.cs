using System.Text.Json;
using Workflow.Model;

namespace Workflow.Runtime.Handlers.Process;

/// <summary>
/// The files a process task exchanges data through, in a private temporary folder that is deleted afterwards:
/// <c>WF_INPUT_FILE</c> holds the input (upstream outputs by task id, <c>{}</c> when there are none), and the
/// child may write JSON to <c>WF_OUTPUT_FILE</c> to set the task's output. Files rather than arguments or
/// variables, because outputs can be far larger than a command line allows.
/// </summary>
internal sealed class ProcessDataFiles : IDisposable
{
    public const string InputVariable = "WF_INPUT_FILE";
    public const string OutputVariable = "WF_OUTPUT_FILE";

    private readonly string _folder;

    private ProcessDataFiles(string folder)
    {
        _folder = folder;
        InputPath = Path.Combine(folder, "input.json");
        OutputPath = Path.Combine(folder, "output.json");
    }

    public string InputPath { get; }
    public string OutputPath { get; }

    public static async Task<ProcessDataFiles> CreateAsync(JsonElement? input, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("wf-process-").FullName;
        var files = new ProcessDataFiles(folder);
        try
        {
            await File.WriteAllTextAsync(files.InputPath, input is { ValueKind: not JsonValueKind.Undefined } value
                ? value.GetRawText()
                : "{}", cancellationToken);
            return files;
        }
        catch
        {
            files.Dispose();
            throw;
        }
    }

    /// <summary>The JSON the child wrote, or null when it wrote nothing.</summary>
    /// <exception cref="TaskFailureException">The file holds something other than JSON.</exception>
    public async Task<JsonElement?> ReadOutputAsync(string taskId, CancellationToken cancellationToken)
    {
        if (!File.Exists(OutputPath) || new FileInfo(OutputPath).Length == 0)
        {
            return null;
        }

        await using var stream = File.OpenRead(OutputPath);
        try
        {
            using var document = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken);
            return document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            throw new TaskFailureException(ErrorKinds.InvalidInput,
                $"Task '{taskId}' wrote to ${OutputVariable} something that is not JSON ({ex.Message}). " +
                "Write one JSON value to that file, or nothing.");
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A child still holding a file open (Windows); the temp folder is cleaned by the OS later.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
