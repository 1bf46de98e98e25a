using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Services;

namespace Workflow.Functions.Alerts;

/// <summary>
/// Registers the Azure app's alerts: the table store behind <see cref="IAlertService"/> (which maps
/// <c>/api/alerts</c>), the publisher the publish activities call, and webhook delivery over the queue.
/// </summary>
public static class AlertServiceCollectionExtensions
{
    public static IServiceCollection AddTableAlerts(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AlertsOptions>().Bind(configuration.GetSection(AlertsOptions.Section));
        services.AddSingleton<AlertStorage>();
        services.AddSingleton<TableAlertStore>();
        services.AddSingleton<WebhookQueue>();
        services.AddSingleton<AlertPublisher>();
        services.AddSingleton<IAlertService, TableAlertService>();
        services.AddHttpClient<WebhookDeliveryHandler>();
        services.AddHostedService<LocalAlertStorageInitializer>();
        return services;
    }
}
