namespace Workflow.Functions.Secrets;

/// <summary>Where the groups' secrets live; bound from <c>Workflow:Secrets</c> (app setting <c>Workflow__Secrets__VaultUri</c>).</summary>
public sealed class SecretsOptions
{
    public const string Section = "Workflow:Secrets";

    /// <summary>The Key Vault that <c>infra/</c> creates; without it the app keeps no secrets.</summary>
    public Uri? VaultUri { get; set; }
}
