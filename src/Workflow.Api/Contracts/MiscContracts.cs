namespace Workflow.Api.Contracts;

/// <summary>
/// The answer of the health endpoint. <see cref="SignInUrl"/> is where a browser signs in when the host sits behind a
/// platform sign-in (App Service Authentication); null where callers bring their own bearer token.
/// </summary>
public sealed record HealthResponse(string Status, string Version, string? SignInUrl = null);

