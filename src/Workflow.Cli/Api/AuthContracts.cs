namespace Workflow.Cli.Api;

/// <summary>The body of <c>POST /api/dev/token</c>, the development-only token issuer.</summary>
public sealed record DevTokenRequest(string User, IReadOnlyList<string> Groups, IReadOnlyList<string> Roles);

/// <summary>A token from the development issuer.</summary>
public sealed record DevTokenResponse(string Token, DateTimeOffset? ExpiresAt);
