using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Model;
using Workflow.Runtime.Handlers;

namespace Workflow.Functions.Tests.Support;

/// <summary>
/// Code handlers for the orchestration tests, registered in the app's container the way an app registers its own.
/// Every handler counts its invocations by idempotency key (<c>{runId}/{taskKey}/{attempt}</c>), which is how the
/// tests show that each attempt ran exactly once.
/// </summary>
public sealed class TestHandlers
{
    /// <summary>Returns <c>{"key": taskKey}</c>.</summary>
    public const string Count = "count";

    /// <summary>Fails with <see cref="ErrorKinds.Network"/> (retryable) until attempt <c>args.succeedOn</c>.</summary>
    public const string Flaky = "flaky";

    /// <summary>Sums the numbers <c>n</c> in the outputs of its upstream tasks: <c>{"sum": …, "inputs": …}</c>.</summary>
    public const string Sum = "sum";

    /// <summary>Waits for <see cref="OpenGate"/>, ignoring cancellation, like a worker that hangs.</summary>
    public const string Gate = "gate";

    private readonly ConcurrentDictionary<string, int> invocations = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource gate = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyDictionary<string, int> Invocations => invocations;

    /// <summary>Idempotency keys of the attempts that are inside <see cref="Gate"/> right now.</summary>
    public ConcurrentDictionary<string, bool> AtGate { get; } = new(StringComparer.Ordinal);

    public void OpenGate() => gate.TrySetResult();

    public int CountFor(string runId, string taskKey, int attempt) =>
        invocations.GetValueOrDefault($"{runId}/{taskKey}/{attempt}");

    public void Register(IServiceCollection services)
    {
        services.AddCodeHandler(Count, (context, _, _) =>
        {
            Record(context);
            return ValueTask.FromResult<JsonElement?>(JsonSerializer.SerializeToElement(new { key = context.TaskKey }));
        });
        services.AddCodeHandler(Flaky, (context, args, _) =>
        {
            Record(context);
            var succeedOn = args?.GetProperty("succeedOn").GetInt32() ?? 1;
            if (context.Attempt < succeedOn)
            {
                throw new TaskFailureException(ErrorKinds.Network, $"Attempt {context.Attempt} fails on purpose.");
            }

            return ValueTask.FromResult<JsonElement?>(JsonSerializer.SerializeToElement(new { attempt = context.Attempt }));
        });
        services.AddCodeHandler(Sum, (context, _, _) =>
        {
            Record(context);
            var sum = 0;
            var inputs = 0;
            if (context.Input is { ValueKind: JsonValueKind.Object } input)
            {
                // Keys starting with '$' are the engine's ($params, $run), not upstream outputs.
                foreach (var upstream in input.EnumerateObject().Where(p => !p.Name.StartsWith('$')))
                {
                    inputs++;
                    sum += upstream.Value.GetProperty("n").GetInt32();
                }
            }

            return ValueTask.FromResult<JsonElement?>(JsonSerializer.SerializeToElement(new { sum, inputs }));
        });
        services.AddCodeHandler(Gate, async (context, _, _) =>
        {
            Record(context);
            AtGate[context.IdempotencyKey] = true;
            await gate.Task;
            AtGate.TryRemove(context.IdempotencyKey, out _);
            return JsonSerializer.SerializeToElement(new { key = context.TaskKey });
        });
    }

    private void Record(TaskContext context) => invocations.AddOrUpdate(context.IdempotencyKey, 1, (_, n) => n + 1);
}
