using Azure.Security.KeyVault.Secrets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Workflow.Functions.Storage;
using Workflow.Services;

namespace Workflow.Functions.Secrets;

/// <summary>
/// Registers <see cref="KeyVaultSecretStore"/> when <see cref="SecretsOptions.VaultUri"/> names a vault (set by
/// <c>infra/</c>); without it the app has no secret store, the secret endpoints are not mapped, and a task that
/// references a secret fails saying so. The vault is reached with the app's managed identity.
/// </summary>
public static class SecretServiceCollectionExtensions
{
    public static IServiceCollection AddKeyVaultSecrets(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(SecretsOptions.Section);
        services.AddOptions<SecretsOptions>().Bind(section);
        if (section.Get<SecretsOptions>()?.VaultUri is not { } vault)
        {
            return services;
        }

        services.AddSingleton(sp => new SecretClient(vault,
            StorageCredential.For(sp.GetRequiredService<IOptions<StorageOptions>>().Value)));
        services.AddSingleton<ISecretStore, KeyVaultSecretStore>();
        return services;
    }
}
