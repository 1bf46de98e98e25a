using Microsoft.Extensions.DependencyInjection;
using Workflow.Engine.Alerts;
using Workflow.Engine.Tests.Support;

namespace Workflow.Engine.Tests.Alerts;

/// <summary>A real engine with the alert services, tuned to poll fast so tests finish quickly.</summary>
internal static class AlertTestHost
{
    public static Task<TestEngine> StartAsync(Action<AlertOptions>? configure = null,
        Action<IServiceCollection>? services = null) =>
        TestEngine.StartAsync(s =>
        {
            s.AddWorkflowAlerts(o =>
            {
                o.ImmediateRetries = 1;
                o.ImmediateRetryDelay = TimeSpan.FromMilliseconds(20);
                o.RedeliveryDelay = TimeSpan.FromMilliseconds(100);
                o.MaxRedeliveryDelay = TimeSpan.FromMilliseconds(200);
                o.RequestTimeout = TimeSpan.FromSeconds(20);
                o.DeliveryPollInterval = TimeSpan.FromMilliseconds(50);
                o.MonitorPollInterval = TimeSpan.FromMilliseconds(50);
                configure?.Invoke(o);
            });
            services?.Invoke(s);
        });
}
