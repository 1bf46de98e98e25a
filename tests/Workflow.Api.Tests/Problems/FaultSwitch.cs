using System.Reflection;
using System.Runtime.ExceptionServices;
using Workflow.Services;

namespace Workflow.Api.Tests.Problems;

/// <summary>
/// The host's own workflow service, passed through, except that one call of a chosen method throws a chosen
/// exception: the way to send each kind of service error, and a bug, through the real API pipeline.
/// </summary>
public class FaultSwitch : DispatchProxy
{
    private IWorkflowService _inner = null!;
    private FaultingApiFactory _owner = null!;

    public static IWorkflowService Wrap(IWorkflowService inner, FaultingApiFactory owner)
    {
        var proxy = Create<IWorkflowService, FaultSwitch>();
        var fault = (FaultSwitch)(object)proxy;
        fault._inner = inner;
        fault._owner = owner;
        return proxy;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        if (_owner.TakeFault(targetMethod.Name) is { } fault)
        {
            throw fault;
        }

        try
        {
            return targetMethod.Invoke(_inner, args);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            ExceptionDispatchInfo.Throw(ex.InnerException);
            throw;
        }
    }
}
