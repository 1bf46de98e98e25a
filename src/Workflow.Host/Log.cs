using Microsoft.Extensions.Logging;

namespace Workflow.Host;

/// <summary>The host's log messages, source-generated, with stable event ids (6000-6099).</summary>
internal static partial class Log
{
    [LoggerMessage(6000, LogLevel.Information, "Stored sample pipeline {PipelineId}")]
    public static partial void SampleStored(ILogger logger, string pipelineId);

    [LoggerMessage(6001, LogLevel.Information, "Workflow host: data in {DataDirectory}, environment {Environment}")]
    public static partial void Starting(ILogger logger, string dataDirectory, string environment);

    [LoggerMessage(6050, LogLevel.Critical,
        "Not starting: the data directory {DataDirectory} is in use by another Workflow host (process {HolderProcessId}); only one host may write to a store. Stop that process or start this one with another --data directory")]
    public static partial void DataDirectoryInUse(ILogger logger, string dataDirectory, string holderProcessId);
}
