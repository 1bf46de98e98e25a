using Workflow.Model;
using Workflow.Services;
using static Workflow.Core.Tests.Execution.Defs;

namespace Workflow.Core.Tests.Execution.Rerun;

/// <summary>Stored pipeline versions for rerun tests.</summary>
internal static class Versions
{
    public static PipelineRecord V(int version, PipelineDefinition definition) =>
        new(definition, version, $"\"{version}\"", DateTimeOffset.UnixEpoch, "erin");

    public static PipelineRecord V(int version, params TaskDefinition[] tasks) => V(version, Pipeline(tasks));
}
