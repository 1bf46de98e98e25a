using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Workflow.Engine.Storage;
using Workflow.Services;

namespace Workflow.Engine.Secrets;

/// <summary>
/// Registers the embedded host's <see cref="ISecretStore"/>: Data Protection with its key ring in
/// <c>{data directory}/keys</c> (what <c>PersistKeysToFileSystem</c> sets up, here bound to the engine's data
/// directory once options are known), and the secrets table as an engine migration. The key ring is the one to back
/// up with <c>workflow.db</c>: without it the stored secrets cannot be decrypted.
/// </summary>
public static class SecretServiceCollectionExtensions
{
    public const string KeyDirectoryName = "keys";

    public static IServiceCollection AddSqliteSecretStore(this IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName("Workflow");
        services.AddOptions<KeyManagementOptions>().Configure<SqliteStore, ILoggerFactory>((options, store, logs) =>
            options.XmlRepository = new FileSystemXmlRepository(
                new DirectoryInfo(Path.Combine(store.DataDirectory, KeyDirectoryName)), logs));
        services.TryAddSingleton<ISecretStore, SqliteSecretStore>();
        foreach (var migration in SecretSchema.Migrations)
        {
            services.AddEngineMigration(migration);
        }

        return services;
    }
}
