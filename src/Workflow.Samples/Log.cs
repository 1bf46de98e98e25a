using Microsoft.Extensions.Logging;

namespace Workflow.Samples;

/// <summary>The samples' log messages, source-generated, with stable event ids (6200-6299).</summary>
internal static partial class Log
{
    /// <summary>The samples' event ids, one constant each, never reused.</summary>
    internal static class Ids
    {
        public const int SampleStored = 6200;
        public const int SampleStoredElsewhere = 6201;
    }

    [LoggerMessage(Ids.SampleStored, LogLevel.Information, "Stored sample pipeline {PipelineId}")]
    public static partial void SampleStored(ILogger logger, string pipelineId);

    [LoggerMessage(Ids.SampleStoredElsewhere, LogLevel.Information,
        "Sample pipeline {PipelineId} was stored by another instance at the same time: {Reason}")]
    public static partial void SampleStoredElsewhere(ILogger logger, string pipelineId, string reason);
}
