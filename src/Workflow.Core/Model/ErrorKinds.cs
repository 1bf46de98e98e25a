namespace Workflow.Model;

/// <summary>The error kinds that handlers and shells report, and which of them are retried by default.</summary>
public static class ErrorKinds
{
    public const string Timeout = "timeout";
    public const string Network = "network";
    public const string Http4xx = "http-4xx";
    public const string Http5xx = "http-5xx";
    public const string ProcessExit = "process-exit";
    public const string Handler = "handler";
    public const string InvalidInput = "invalid-input";
    public const string Cancelled = "cancelled";
    public const string LeaseExpired = "lease-expired";
    public const string ChildRunFailed = "child-run-failed";

    /// <summary>Errors a retry cannot fix: bad requests and bad input. Cancellation is never retried.</summary>
    public static bool IsRetryableByDefault(string kind) =>
        kind is not (Http4xx or InvalidInput or Cancelled);
}
