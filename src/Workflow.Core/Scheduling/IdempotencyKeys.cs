using System.Security.Cryptography;
using System.Text;

namespace Workflow.Scheduling;

/// <summary>
/// The <c>Idempotency-Key</c> of a trigger becomes the run id: <c>{pipelineId}@key-{hash}</c> of the pipeline, the
/// caller and the key. Starting a run id that exists returns that run in both hosts, so a retried POST finds the
/// first run with no extra store: the run itself is the durable record (in SQLite, or as the Durable instance),
/// kept as long as the run's retention keeps it. A key is honoured for <see cref="Window"/>; reusing it later is
/// refused rather than silently returning a stale run.
/// </summary>
public static class IdempotencyKeys
{
    public const string Header = "Idempotency-Key";
    public const int MaxLength = 200;
    public static readonly TimeSpan Window = TimeSpan.FromHours(24);
    private const string Marker = "key-";

    /// <summary>Null when the key is usable; otherwise what is wrong with it.</summary>
    public static string? Problem(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length is 0 or > MaxLength)
        {
            return $"The {Header} header must have 1 to {MaxLength} characters; it has {key.Length}.";
        }

        return key.All(c => c is >= '!' and <= '~')
            ? null
            : $"The {Header} header may hold only visible ASCII characters (no spaces).";
    }

    /// <summary>The run id a key stands for, per pipeline and caller.</summary>
    public static string RunId(string pipelineId, string caller, string key)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{pipelineId}\n{caller}\n{key}"));
        return $"{pipelineId}@{Marker}{Convert.ToHexStringLower(hash)[..32]}";
    }

    /// <summary>Whether a run started for a key at <paramref name="createdAt"/> still answers for it at <paramref name="now"/>.</summary>
    public static bool StillHonoured(DateTimeOffset createdAt, DateTimeOffset now) => now - createdAt < Window;
}
