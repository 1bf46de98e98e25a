using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Model;
using Workflow.Runtime.Handlers;

namespace Workflow.Runtime.Handlers.Code;

/// <summary>The <c>code</c> kind: <c>{"handler": "name", "args": …}</c> runs the <see cref="ICodeHandler"/> registered under that name.</summary>
internal sealed class CodeTaskHandler(IServiceProvider services) : ITaskHandler
{
    public string Kind => "code";

    public async ValueTask<TaskOutcome> ExecuteAsync(TaskContext context, CancellationToken cancellationToken)
    {
        if (context.Config is not { ValueKind: JsonValueKind.Object } config ||
            !config.TryGetProperty("handler", out var nameElement) || nameElement.GetString() is not { Length: > 0 } name)
        {
            return TaskOutcome.Failure(ErrorKinds.InvalidInput,
                $"Task '{context.TaskId}': config.handler is missing. Name the code handler to run, for example {{\"handler\": \"Transform\"}}.");
        }

        var handler = services.GetKeyedService<ICodeHandler>(name);
        if (handler is null)
        {
            return TaskOutcome.Failure(ErrorKinds.InvalidInput,
                $"Task '{context.TaskId}': no code handler is registered under the name '{name}'. Register it with services.AddCodeHandler(\"{name}\", ...).");
        }

        JsonElement? args = config.TryGetProperty("args", out var a) ? a : null;
        return TaskOutcome.Success(await handler.RunAsync(context, args, cancellationToken));
    }
}
