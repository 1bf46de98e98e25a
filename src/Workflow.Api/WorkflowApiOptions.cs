namespace Workflow.Api;

/// <summary>
/// Limits and settings of the HTTP API, bound from the <c>Workflow:Api</c> configuration section. The limits keep
/// one caller from exhausting the service: a huge or deeply nested body, or a request flood.
/// </summary>
public sealed class WorkflowApiOptions
{
    public const string Section = "Workflow:Api";

    /// <summary>The largest request body accepted; larger ones answer 413.</summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>The deepest JSON nesting accepted; deeper bodies answer 400.</summary>
    public int MaxJsonDepth { get; set; } = 64;

    /// <summary>Requests one user may make per <see cref="RateLimitWindow"/>; more answer 429 with Retry-After.</summary>
    public int RateLimitPermits { get; set; } = 600;

    public TimeSpan RateLimitWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The most log bytes one request returns.</summary>
    public int MaxLogChunkBytes { get; set; } = 1024 * 1024;

    /// <summary>The most runs one page of the runs list holds.</summary>
    public int MaxPageSize { get; set; } = 500;

    /// <summary>
    /// The task kinds the host runs, so that a definition naming another kind is refused with a hint. Empty
    /// leaves kinds to the engine.
    /// </summary>
    public HashSet<string> TaskKinds { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Where a browser signs in when a platform in front of the host authenticates callers (App Service
    /// Authentication: <c>/.auth/login/aad</c>); the dashboard offers it. Null when callers bring bearer tokens.
    /// </summary>
    public string? SignInUrl { get; set; }

    /// <summary>
    /// Whether the host has a code handler of a name, so that a <c>code</c> task naming another is refused when it
    /// is saved. Null leaves handler names unchecked, for a host that cannot know them.
    /// </summary>
    public Func<string, bool>? CodeHandlerExists { get; set; }

    /// <summary>Reported by the health endpoint.</summary>
    public string Version { get; set; } =
        typeof(WorkflowApiOptions).Assembly.GetName().Version?.ToString() ?? "0.0.0";
}
