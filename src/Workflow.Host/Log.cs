using Microsoft.Extensions.Logging;

namespace Workflow.Host;

/// <summary>The host's log messages, source-generated, with stable event ids (6100-6199).</summary>
internal static partial class Log
{
    /// <summary>
    /// The host's event ids, one constant each, never reused. They were 6000 and 6001 until those were found to
    /// share ids with the engine's alert events (6001–6099), on which log-based alert rules key.
    /// </summary>
    internal static class Ids
    {
        // 6100 is retired: the samples log from Workflow.Samples now (6200-6299).
        public const int Starting = 6101;
        public const int DataDirectoryInUse = 6102;
    }

    [LoggerMessage(Ids.Starting, LogLevel.Information, "Workflow host: data in {DataDirectory}, environment {Environment}")]
    public static partial void Starting(ILogger logger, string dataDirectory, string environment);

    [LoggerMessage(Ids.DataDirectoryInUse, LogLevel.Critical,
        "Not starting: the data directory {DataDirectory} is in use by another Workflow host (process {HolderProcessId}); only one host may write to a store. Stop that process or start this one with another --data directory")]
    public static partial void DataDirectoryInUse(ILogger logger, string dataDirectory, string holderProcessId);
}
