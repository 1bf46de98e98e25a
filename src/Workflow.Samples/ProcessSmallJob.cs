using System.Globalization;
using System.Text.Json;
using Workflow.Runtime.Handlers;
using Workflow.Runtime.Handlers.Code;

namespace Workflow.Samples;

/// <summary>
/// Handles one small-jobs message: sums its numbers and logs the result with the message's job id. It writes no
/// file, so any instance may handle any message, and handling one again after a crash changes nothing.
/// </summary>
public sealed class ProcessSmallJob : ICodeHandler
{
    public const string Name = "ProcessSmallJob";

    public ValueTask<JsonElement?> RunAsync(TaskContext context, JsonElement? args, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (args is not { ValueKind: JsonValueKind.Object } message || !message.TryGetProperty("job", out var job))
        {
            throw new TaskFailureException("invalid-input", "A small-jobs message needs a 'job' id.");
        }

        var sum = message.TryGetProperty("numbers", out var numbers) && numbers.ValueKind == JsonValueKind.Array
            ? numbers.EnumerateArray().Sum(n => n.GetInt64())
            : 0;
        context.Log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"job {job.GetRawText()}: sum {sum}"));
        return ValueTask.FromResult<JsonElement?>(JsonSerializer.SerializeToElement(sum));
    }
}
