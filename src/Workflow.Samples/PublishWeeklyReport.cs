using System.Text.Json;
using Workflow.Runtime.Handlers;
using Workflow.Runtime.Handlers.Code;

namespace Workflow.Samples;

/// <summary>
/// The weekly report's last step, in C#: reads the counts the <c>aggregate</c> step passed on as its output and
/// writes the report to the task's log; its output (the counts and the report text) is shown by the API.
/// </summary>
public sealed class PublishWeeklyReport : ICodeHandler
{
    public const string Name = "PublishWeeklyReport";

    public ValueTask<JsonElement?> RunAsync(TaskContext context, JsonElement? args, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Input is not { ValueKind: JsonValueKind.Object } input
            || !input.TryGetProperty("aggregate", out var aggregate)
            || !aggregate.TryGetProperty("distinctOrders", out var distinct)
            || !aggregate.TryGetProperty("highestOrder", out var highest))
        {
            throw new TaskFailureException("invalid-input",
                "The output of 'aggregate' (distinctOrders, highestOrder) is missing; the aggregate step must run " +
                "first.");
        }

        var report = $"Weekly report for run {context.RunId}\n" +
                     $"distinct orders: {distinct.GetInt64()}\nhighest order number: {highest.GetInt64()}\n";
        foreach (var line in report.TrimEnd().Split('\n'))
        {
            context.Log.WriteLine(line);
        }

        return ValueTask.FromResult<JsonElement?>(JsonSerializer.SerializeToElement(new Dictionary<string, object>
        {
            ["distinctOrders"] = distinct.GetInt64(),
            ["highestOrder"] = highest.GetInt64(),
            ["report"] = report,
        }));
    }
}
