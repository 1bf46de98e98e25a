using System.Text.Json;
using Workflow.Durable;
using Workflow.Functions.Storage;
using Workflow.Model;
using Workflow.Services;

namespace Workflow.Functions.Services;

/// <summary>
/// The definition a run was started with, which its views (task list, critical path, graph, progress) are built
/// from, as the embedded host reads a run's own version: the start event's definition when the input holds one, else
/// the version the run pinned (its custom status says it; a rerun's or a started run's request names it; a
/// continue-as-new snapshot's state holds it) read from the catalogue. Never the pipeline's current version in its
/// place: when the pinned version is gone from storage, or an older build's run did not record it and the pipeline
/// changed since it started, there is no definition and <see cref="PinnedDefinition.Notice"/> says why.
/// </summary>
internal static class PinnedDefinitions
{
    public static async ValueTask<PinnedDefinition> ReadAsync(BlobPipelineCatalog catalog, RunInstanceView view,
        CancellationToken cancellationToken)
    {
        if (view.Input?.Start?.Definition is { } started)
        {
            return new PinnedDefinition(null, started, null, started.OwnerGroup);
        }

        var input = view.Input;
        if ((input?.Request?.PipelineId ?? input?.Snapshot?.PipelineId) is not { } pipelineId)
        {
            return new PinnedDefinition(null, null, null, null);
        }

        var runId = input?.Request?.RunId ?? input?.Snapshot?.RunId ?? view.InstanceId;
        var version = VersionOf(view);
        if (version is { } v && await catalog.GetAsync(pipelineId, v, cancellationToken) is { } pinned)
        {
            return Known(pinned);
        }

        // The current version stands in for nothing but the run's group, which decides who may read the run.
        var current = await catalog.GetAsync(pipelineId, null, cancellationToken);
        if (version is not null)
        {
            return new PinnedDefinition(null, null,
                $"Version {version} of pipeline '{pipelineId}', which run '{runId}' was started with, is no longer " +
                "stored, so the run's tasks are listed from their attempts only.", current?.Definition.OwnerGroup);
        }

        // No version recorded: a run not resolved yet, or one an older build started. The current version is the one
        // it pins or pinned only when no save came after the run was created (it resolves after that).
        return current is not null && (current.IsDynamic || current.UpdatedAt <= view.CreatedAt)
            ? Known(current)
            : new PinnedDefinition(null, null,
                $"Run '{runId}' does not record which version of pipeline '{pipelineId}' it was started with (a " +
                "build before the version was recorded started it), and the pipeline changed or was deleted since, " +
                "so the run's tasks are listed from their attempts only.", current?.Definition.OwnerGroup);
    }

    private static PinnedDefinition Known(PipelineRecord pinned) =>
        new(pinned, pinned.Definition, null, pinned.Definition.OwnerGroup);

    /// <summary>The version the run pinned, as far as its instance says; null when it does not.</summary>
    public static int? VersionOf(RunInstanceView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        return view.Input?.Start?.Definition.Version ?? view.Progress?.PipelineVersion
            ?? view.Input?.Request?.PinnedVersion ?? SnapshotVersion(view.Input?.Snapshot);
    }

    /// <summary>The version in a continue-as-new snapshot's decider state (<c>definition.version</c>).</summary>
    private static int? SnapshotVersion(RunSnapshot? snapshot) =>
        snapshot?.State is { ValueKind: JsonValueKind.Object } state
        && Property(state, "definition") is { ValueKind: JsonValueKind.Object } definition
        && Property(definition, "version") is { ValueKind: JsonValueKind.Number } version
        && version.TryGetInt32(out var v)
            ? v
            : null;

    private static JsonElement? Property(JsonElement element, string name)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (property.NameEquals(name) || string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value;
            }
        }

        return null;
    }
}

/// <summary>
/// A run's pinned definition: <see cref="Record"/> when it came from the catalogue, <see cref="Definition"/> whenever
/// it is known, else <see cref="Notice"/>, why not (null when the input names no pipeline). <see cref="OwnerGroup"/> is
/// the run's group: its definition's, else the pipeline's as it is now, the only group left to check access by.
/// </summary>
internal sealed record PinnedDefinition(PipelineRecord? Record, PipelineDefinition? Definition, string? Notice,
    string? OwnerGroup);
