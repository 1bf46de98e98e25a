using System.Globalization;
using System.Text.Json;
using Workflow.Json;
using Workflow.Model;

namespace Workflow.Engine.Handlers.Timing;

/// <summary>
/// The <c>delay</c> (<c>{"duration": "5m"}</c>) and <c>wait-until</c> (<c>{"at": "2026-01-01T00:00:00Z"}</c>)
/// kinds. They park the attempt on a durable timer instead of holding a worker, and survive restarts.
/// </summary>
internal sealed class DelayTaskHandler(string kind) : ITaskHandler
{
    public string Kind => kind;

    public ValueTask<TaskOutcome> ExecuteAsync(TaskContext context, CancellationToken cancellationToken)
    {
        var now = context.Time.GetUtcNow();
        DateTimeOffset until;
        if (context.ResumeState is { ValueKind: JsonValueKind.Object } state && state.TryGetProperty("until", out var u))
        {
            until = u.GetDateTimeOffset();
        }
        else if (Until(context, now) is { } computed)
        {
            until = computed;
        }
        else
        {
            return ValueTask.FromResult(TaskOutcome.Failure(ErrorKinds.InvalidInput, kind == "delay"
                ? $"Task '{context.TaskId}': config.duration is missing or not a duration. Write it like \"90s\" or \"5m\"."
                : $"Task '{context.TaskId}': config.at is missing or not an instant. Write it like \"2026-01-01T06:00:00Z\"."));
        }

        return ValueTask.FromResult(until <= now
            ? TaskOutcome.Success()
            : TaskOutcome.Suspend(until, JsonSerializer.SerializeToElement(new Dictionary<string, DateTimeOffset> { ["until"] = until })));
    }

    private DateTimeOffset? Until(TaskContext context, DateTimeOffset now)
    {
        if (context.Config is not { ValueKind: JsonValueKind.Object } config)
        {
            return null;
        }

        if (kind == "delay")
        {
            return config.TryGetProperty("duration", out var d) && d.ValueKind == JsonValueKind.String &&
                   Duration.TryParse(d.GetString()!, out var span)
                ? now + span
                : null;
        }

        return config.TryGetProperty("at", out var at) && at.ValueKind == JsonValueKind.String &&
               DateTimeOffset.TryParse(at.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant)
            ? instant
            : null;
    }
}
