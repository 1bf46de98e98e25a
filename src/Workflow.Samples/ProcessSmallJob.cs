using System.Globalization;
using System.Text.Json;
using Workflow.Engine.Handlers;
using Workflow.Engine.Handlers.Code;

namespace Workflow.Host.Samples;

/// <summary>
/// Handles one small-jobs message: sums its numbers and appends the result to a ledger file. Appending is safe to
/// repeat after a crash because each line carries the message's job id.
/// </summary>
public sealed class ProcessSmallJob(string dataDirectory) : ICodeHandler
{
    public const string Name = "ProcessSmallJob";

    public async ValueTask<JsonElement?> RunAsync(TaskContext context, JsonElement? args,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (args is not { ValueKind: JsonValueKind.Object } message || !message.TryGetProperty("job", out var job))
        {
            throw new TaskFailureException("invalid-input", "A small-jobs message needs a 'job' id.");
        }

        var sum = message.TryGetProperty("numbers", out var numbers) && numbers.ValueKind == JsonValueKind.Array
            ? numbers.EnumerateArray().Sum(n => n.GetInt64())
            : 0;
        var line = string.Create(CultureInfo.InvariantCulture, $"job {job.GetRawText()}: sum {sum}");
        var ledger = Path.Combine(dataDirectory, "small-jobs", "ledger.txt");
        Directory.CreateDirectory(Path.GetDirectoryName(ledger)!);
        await File.AppendAllTextAsync(ledger, line + "\n", cancellationToken);
        context.Log.WriteLine(line);
        return JsonSerializer.SerializeToElement(sum);
    }
}
