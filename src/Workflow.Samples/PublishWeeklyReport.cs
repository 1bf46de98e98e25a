using System.Globalization;
using System.Text.Json;
using Workflow.Engine.Handlers;
using Workflow.Engine.Handlers.Code;

namespace Workflow.Host.Samples;

/// <summary>
/// The weekly report's last step, in C#: reads the aggregate the shell step wrote and publishes a small report
/// file next to it. Its output (the counts) is the task's output, shown by the API.
/// </summary>
public sealed class PublishWeeklyReport : ICodeHandler
{
    public const string Name = "PublishWeeklyReport";

    public async ValueTask<JsonElement?> RunAsync(TaskContext context, JsonElement? args,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var directory = args?.GetProperty("directory").GetString()
            ?? throw new TaskFailureException("invalid-input", "args.directory is missing.");
        var aggregate = Path.Combine(directory, "weekly", "all.txt");
        if (!File.Exists(aggregate))
        {
            throw new TaskFailureException("invalid-input", $"'{aggregate}' does not exist; the aggregate step must run first.");
        }

        var lines = await File.ReadAllLinesAsync(aggregate, cancellationToken);
        var max = lines.Length == 0 ? 0 : lines.Max(l => long.Parse(l, CultureInfo.InvariantCulture));
        var report = $"Weekly report for run {context.RunId}\n" +
                     $"distinct orders: {lines.Length}\nhighest order number: {max}\n";
        var target = Path.Combine(directory, "weekly", "report.txt");
        await File.WriteAllTextAsync(target, report, cancellationToken);
        context.Log.WriteLine($"published {target}: {lines.Length} distinct orders");
        return JsonSerializer.SerializeToElement(new Dictionary<string, object>
        {
            ["distinctOrders"] = lines.Length,
            ["highestOrder"] = max,
            ["report"] = target,
        });
    }
}
