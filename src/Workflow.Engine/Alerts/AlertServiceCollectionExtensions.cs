using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Workflow.Engine.Retention;
using Workflow.Engine.Runtime;
using Workflow.Engine.Telemetry;
using Workflow.Services;

namespace Workflow.Engine.Alerts;

/// <summary>
/// Registers SLA monitoring, alert sinks, webhook delivery, queue backlog checks and the <c>Workflow</c> metrics
/// beside the engine: <c>services.AddWorkflowEngine(…).AddWorkflowAlerts(o =&gt; o.Webhooks.Add(url))</c>.
/// </summary>
public static class AlertServiceCollectionExtensions
{
    public static IServiceCollection AddWorkflowAlerts(this IServiceCollection services,
        Action<AlertOptions>? configure = null)
    {
        services.AddOptions<AlertOptions>();
        if (configure is not null)
        {
            services.Configure(configure);
        }

        services.AddMetrics();
        services.AddHttpClient(WebhookDeliveryService.ClientName);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<WorkflowTelemetry>();
        services.TryAddSingleton<AlertStore>();
        services.TryAddSingleton<WebhookDeliverySignal>();
        services.TryAddSingleton<AlertDispatcher>();
        services.TryAddSingleton<IAlertService, EngineAlertService>();
        services.TryAddSingleton<WebhookDeliveryService>();
        services.TryAddSingleton<SlaMonitorStore>();
        services.TryAddSingleton<SlaMonitorService>();
        services.TryAddSingleton<QueueBacklogService>();
        services.TryAddSingleton<TelemetryObserver>();
        foreach (var migration in AlertSchema.Migrations)
        {
            services.AddEngineMigration(migration);
        }

        services.AddRetentionSweep(AlertSweeps.Alerts);
        services.AddRetentionSweep(AlertSweeps.Deliveries);
        services.AddRetentionSweep(NotificationRows.Sweep);
        services.Configure<EngineOptions>(o => o.RecordNotifications = true);

        services.AddSingleton<IRunObserver>(sp => sp.GetRequiredService<SlaMonitorService>());
        services.AddSingleton<IRunObserver>(sp => sp.GetRequiredService<TelemetryObserver>());
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<WebhookDeliveryService>());
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<SlaMonitorService>());
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<QueueBacklogService>());
        return services;
    }

    /// <summary>Exports the <c>Workflow</c> meter and activity source over OTLP when an endpoint is configured.</summary>
    public static IServiceCollection AddWorkflowTelemetryExport(this IServiceCollection services,
        Action<TelemetryOptions>? configure = null)
    {
        services.AddOptions<TelemetryOptions>();
        if (configure is not null)
        {
            services.Configure(configure);
        }

        services.AddSingleton<IHostedService, TelemetryExportService>();
        return services;
    }
}
