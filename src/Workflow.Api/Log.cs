using Microsoft.Extensions.Logging;

namespace Workflow.Api;

/// <summary>The API's log messages, source-generated, with stable event ids (1000-1099).</summary>
internal static partial class Log
{
    [LoggerMessage(1000, LogLevel.Error, "Request {TraceId} to {Path} failed")]
    public static partial void UnhandledFault(ILogger logger, string traceId, string path, Exception exception);

    [LoggerMessage(1001, LogLevel.Warning, "Rate limit reached for {Partition}")]
    public static partial void RateLimited(ILogger logger, string partition);

    [LoggerMessage(1002, LogLevel.Warning,
        "Development token issuer is on (environment {Environment}): whoever reaches POST /api/dev/token can mint a " +
        "token for any user, group and role. It answers {Reach}. Never run it where others can reach the host.")]
    public static partial void DevTokensEnabled(ILogger logger, string environment, string reach);
}
