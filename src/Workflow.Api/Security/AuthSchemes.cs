namespace Workflow.Api.Security;

/// <summary>
/// The authentication scheme names. The default scheme looks at a token's issuer and forwards to the development
/// scheme or the OIDC scheme, so a dev token still works when the OIDC metadata cannot be reached.
/// </summary>
public static class AuthSchemes
{
    public const string Default = "workflow";
    public const string Oidc = "oidc";
    public const string Dev = "dev";
}
