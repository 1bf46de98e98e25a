using Microsoft.Extensions.DependencyInjection.Extensions;
using Workflow.Api.Audit;
using Workflow.Engine;

namespace Workflow.Host.Audit;

/// <summary>
/// Registers the audit trail in the engine's database, with its table as an engine migration:
/// <c>services.AddWorkflowEngine().AddSqliteAuditLog()</c>.
/// </summary>
public static class AuditServiceCollectionExtensions
{
    public static IServiceCollection AddSqliteAuditLog(this IServiceCollection services)
    {
        services.TryAddSingleton<IAuditLog, SqliteAuditLog>();
        // Whichever of this and the API's registration comes first, the one-write saves are the ones used.
        services.AddScoped<IAuditedPipelineSaves, SqlitePipelineSaves>();
        foreach (var migration in AuditSchema.Migrations)
        {
            services.AddEngineMigration(migration);
        }

        services.AddRetentionSweep(AuditSweep.AuditLog);

        return services;
    }
}
