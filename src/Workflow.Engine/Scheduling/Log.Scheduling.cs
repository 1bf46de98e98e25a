using Microsoft.Extensions.Logging;

namespace Workflow.Engine;

/// <summary>The scheduler service's part of the engine's log messages (event ids 4500-4549).</summary>
internal static partial class Log
{
    [LoggerMessage(Ids.TickFailed, LogLevel.Error, "The schedule tick failed; the next tick tries again")]
    public static partial void TickFailed(ILogger logger, Exception exception);
}
