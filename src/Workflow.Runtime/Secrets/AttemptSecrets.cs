using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Model;
using Workflow.Runtime.Handlers;
using Workflow.Runtime.Handlers.Queue;
using Workflow.Secrets;
using Workflow.Services;

namespace Workflow.Runtime.Secrets;

/// <summary>
/// The <c>secrets</c> step of an attempt's start, the same in both hosts: it reads the values of the
/// <c>{{ secrets.NAME }}</c> references in the (already rendered) config from the pipeline's owner group, renders
/// them into the config the handler sees, and gives the <see cref="SecretMask"/> that hides them in the attempt's
/// log, failure message and output. Nothing here is stored: the rendered config lives only for the delivery.
/// A reference to a secret the group does not have fails the attempt as <c>invalid-input</c> (not retried).
/// </summary>
public sealed class AttemptSecrets(IServiceProvider services)
{
    /// <summary>The config with secret values in place, and the mask of those values.</summary>
    public async ValueTask<(JsonElement? Config, SecretMask Mask)> ResolveAsync(TaskAttempt attempt,
        JsonElement? config, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        var names = SecretTemplates.Names(config);
        if (names.Count == 0)
        {
            return (config, SecretMask.None);
        }

        if (names.FirstOrDefault(n => !SecretRules.IsValidName(n)) is { } invalid)
        {
            throw Failure(attempt, SecretRules.CheckName(invalid)!);
        }

        var store = services.GetService<ISecretStore>()
            ?? throw Failure(attempt, "this host has no secret store configured (in Azure: the Key Vault URI setting).");
        var owners = services.GetRequiredService<IPipelineOwners>();
        var group = await owners.OwnerGroupAsync(attempt.PipelineId, cancellationToken)
            ?? throw Failure(attempt, $"pipeline '{attempt.PipelineId}' no longer exists, so its secrets cannot be read.");
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            values[name] = await store.GetValueAsync(group, name, cancellationToken)
                ?? throw Failure(attempt, $"secret '{name}' is not set in group '{group}'. Set it with " +
                                          $"'wf secrets set {group} {name}' (or PUT /api/groups/{group}/secrets/{name}).");
        }

        return (SecretTemplates.Render(config, values), new SecretMask(values.Values));
    }

    /// <summary>The outcome with every secret value in its message or output strings replaced by <c>***</c>.</summary>
    public static TaskOutcome Mask(TaskOutcome outcome, SecretMask mask) => mask.IsEmpty
        ? outcome
        : outcome switch
        {
            TaskFailedOutcome failed => failed with { Message = mask.Apply(failed.Message) },
            TaskSucceededOutcome { Output: { } output } => new TaskSucceededOutcome(MaskJson(output, mask)),
            _ => outcome,
        };

    private static JsonElement MaskJson(JsonElement output, SecretMask mask)
    {
        var node = JsonNode.Parse(output.GetRawText());
        return node is null ? output : JsonSerializer.SerializeToElement(MaskNode(node, mask));
    }

    /// <summary>Masks string values (and property names) one by one, so the JSON stays well formed.</summary>
    private static JsonNode MaskNode(JsonNode node, SecretMask mask) => node switch
    {
        JsonObject obj => new JsonObject(obj.Select(p => KeyValuePair.Create(mask.Apply(p.Key),
            p.Value is null ? null : MaskNode(p.Value.DeepClone(), mask)))),
        JsonArray array => new JsonArray([.. array.Select(i => i is null ? null : MaskNode(i.DeepClone(), mask))]),
        JsonValue value when value.GetValueKind() == JsonValueKind.String =>
            JsonValue.Create(mask.Apply(value.GetValue<string>())),
        _ => node.DeepClone(),
    };

    private static TaskFailureException Failure(TaskAttempt attempt, string reason) =>
        new(ErrorKinds.InvalidInput, $"Task '{attempt.Task.TaskId}': {reason}");
}
