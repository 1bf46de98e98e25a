namespace Workflow.Api.Contracts;

/// <summary>The answer of the health endpoint.</summary>
public sealed record HealthResponse(string Status, string Version);

/// <summary>What the development issuer is asked for.</summary>
public sealed record DevTokenRequest(string? User, IReadOnlyList<string>? Groups, IReadOnlyList<string>? Roles);

/// <summary>A development token and when it expires.</summary>
public sealed record DevTokenResponse(string Token, DateTimeOffset ExpiresAt);
