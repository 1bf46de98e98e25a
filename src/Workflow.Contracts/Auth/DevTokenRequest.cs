namespace Workflow.Contracts;

/// <summary>What the development token issuer (<c>POST /api/dev/token</c>) is asked for.</summary>
public sealed record DevTokenRequest(string? User, IReadOnlyList<string>? Groups, IReadOnlyList<string>? Roles);
