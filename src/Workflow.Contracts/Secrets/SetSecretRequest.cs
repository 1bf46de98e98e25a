namespace Workflow.Contracts;

/// <summary>The body of <c>PUT /api/groups/{group}/secrets/{name}</c>.</summary>
public sealed record SetSecretRequest(string? Value);
