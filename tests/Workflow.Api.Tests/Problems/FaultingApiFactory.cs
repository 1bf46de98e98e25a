using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Workflow.Api.Tests.Infrastructure;
using Workflow.Services;

namespace Workflow.Api.Tests.Problems;

/// <summary>The real host whose workflow service goes through a <see cref="FaultSwitch"/>, with its log kept.</summary>
public sealed class FaultingApiFactory : ApiFactory
{
    private (string Method, Exception Fault)? _next;

    public CapturingLoggerProvider Logs { get; } = new();

    /// <summary>The next call of <paramref name="method"/> (an <see cref="IWorkflowService"/> method) throws.</summary>
    public void FailNext(string method, Exception fault) => _next = (method, fault);

    internal Exception? TakeFault(string method)
    {
        if (_next is not { } next || next.Method != method)
        {
            return null;
        }

        _next = null;
        return next.Fault;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        builder.ConfigureTestServices(services =>
        {
            var real = services.Last(d => d.ServiceType == typeof(IWorkflowService));
            services.Remove(real);
            services.AddSingleton(sp => FaultSwitch.Wrap((IWorkflowService)(real.ImplementationInstance
                ?? real.ImplementationFactory?.Invoke(sp)
                ?? ActivatorUtilities.CreateInstance(sp, real.ImplementationType!)), this));
        });
    }
}
