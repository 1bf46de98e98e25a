namespace Workflow.Api.Security;

/// <summary>
/// Authentication settings, bound from <c>Workflow:Auth</c>. Set <see cref="Authority"/> and <see cref="Audience"/>
/// for single sign-on through an OIDC provider (for Entra ID:
/// <c>https://login.microsoftonline.com/{tenant}/v2.0</c> and the app's client id or URI). The development issuer
/// signs tokens with a symmetric key and exists only when the environment is Development.
/// </summary>
public sealed class WorkflowAuthOptions
{
    public const string Section = "Workflow:Auth";

    /// <summary>The OIDC issuer whose metadata and keys validate tokens; none disables SSO.</summary>
    public string? Authority { get; set; }

    public string? Audience { get; set; }

    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>The claim that holds group names. Entra ID issues group object ids in <c>groups</c>.</summary>
    public string GroupsClaim { get; set; } = "groups";

    public string RolesClaim { get; set; } = "roles";

    /// <summary>Turns the development issuer on in Development; it is never on in any other environment.</summary>
    public bool EnableDevTokens { get; set; } = true;

    /// <summary>
    /// The development issuer answers only callers on the loopback interface unless this is set: anyone who reaches
    /// it can mint a token for any user, group and role.
    /// </summary>
    public bool DevTokensFromAnyAddress { get; set; }

    public string DevIssuer { get; set; } = "workflow-dev";

    public string DevAudience { get; set; } = "workflow";

    /// <summary>
    /// At least 32 characters. When empty, the key is read from <see cref="DevSigningKeyFile"/> (made there on
    /// first start); when that is empty too, a random key is made at start, so tokens die with the process.
    /// </summary>
    public string? DevSigningKey { get; set; }

    /// <summary>
    /// Where a random development key is kept, so that dev tokens survive a restart. The embedded host sets it to
    /// <c>dev-signing-key</c> in its data directory; the file is readable by its owner only.
    /// </summary>
    public string? DevSigningKeyFile { get; set; }

    public TimeSpan DevTokenLifetime { get; set; } = TimeSpan.FromHours(8);
}
