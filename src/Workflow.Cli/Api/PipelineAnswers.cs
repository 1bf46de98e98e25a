using System.Text.Json;

namespace Workflow.Cli.Api;

/// <summary>
/// A stored definition with the ETag that a later PUT must send back in If-Match. The definition stays JSON: wf sends
/// and shows it as the user wrote it and leaves the definition format to the server.
/// </summary>
public sealed record StoredPipeline(JsonElement Definition, string? ETag);

/// <summary>
/// The answer to a create or update, read from its headers: the new ETag and where the pipeline lives.
/// </summary>
public sealed record ApplyResult(bool Created, string? ETag, Uri? Location);
