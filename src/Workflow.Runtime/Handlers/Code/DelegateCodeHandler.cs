using System.Text.Json;

namespace Workflow.Runtime.Handlers.Code;

/// <summary>A code handler given as a function, for small handlers and tests.</summary>
internal sealed class DelegateCodeHandler(Func<TaskContext, JsonElement?, CancellationToken, ValueTask<JsonElement?>> run)
    : ICodeHandler
{
    public ValueTask<JsonElement?> RunAsync(TaskContext context, JsonElement? args, CancellationToken cancellationToken) =>
        run(context, args, cancellationToken);
}
