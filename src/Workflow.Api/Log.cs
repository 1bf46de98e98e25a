using Microsoft.Extensions.Logging;

namespace Workflow.Api;

/// <summary>The API's log messages, source-generated, with stable event ids (1000-1099).</summary>
internal static partial class Log
{
    /// <summary>The API's event ids, one constant each, never reused for another message.</summary>
    internal static class Ids
    {
        public const int UnhandledFault = 1000;
        public const int RateLimited = 1001;
        public const int DevTokensEnabled = 1002;
    }

    [LoggerMessage(Ids.UnhandledFault, LogLevel.Error, "Request {CorrelationId} to {Path} failed")]
    public static partial void UnhandledFault(ILogger logger, string correlationId, string path, Exception exception);

    [LoggerMessage(Ids.RateLimited, LogLevel.Warning, "Rate limit reached for {Partition}")]
    public static partial void RateLimited(ILogger logger, string partition);

    [LoggerMessage(Ids.DevTokensEnabled, LogLevel.Warning,
        "Development token issuer is on (environment {Environment}): whoever reaches POST /api/dev/token can mint a " +
        "token for any user, group and role. It answers {Reach}. Never run it where others can reach the host.")]
    public static partial void DevTokensEnabled(ILogger logger, string environment, string reach);
}
