using System.Text.Json;
using Workflow.Runtime.Handlers;

namespace Workflow.Runtime.Handlers.Code;

/// <summary>
/// In-process .NET work for <c>code</c> tasks, registered by name with
/// <see cref="TaskHandlerServiceCollectionExtensions.AddCodeHandler{THandler}"/>. The args are the task's
/// <c>config.args</c>; the return value is the task's output. Throw <see cref="TaskFailureException"/> to choose
/// the error kind.
/// </summary>
public interface ICodeHandler
{
    ValueTask<JsonElement?> RunAsync(TaskContext context, JsonElement? args, CancellationToken cancellationToken);
}
