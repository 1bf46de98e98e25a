namespace Workflow.Cli.Api;

/// <summary>One row of <c>GET /api/groups/{group}/secrets</c>: never a value.</summary>
public sealed record SecretSummary(string Name, string Group, int Version, string UpdatedBy, DateTimeOffset UpdatedAt);

/// <summary>The body of <c>PUT /api/groups/{group}/secrets/{name}</c>.</summary>
public sealed record SetSecretBody(string Value);
