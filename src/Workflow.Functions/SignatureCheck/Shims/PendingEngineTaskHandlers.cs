// Not an Azure shim: stands in for Workflow.Engine's AddWorkflowTaskHandlers() until that lands in main. The check
// project compiles this file only while src/Workflow.Engine/Handlers/TaskHandlerServiceCollectionExtensions.cs is
// absent, and compiles RunTaskActivity.cs only once it is present.
using Microsoft.Extensions.DependencyInjection;

namespace Workflow.Engine;

public static class PendingTaskHandlerRegistration
{
    public static IServiceCollection AddWorkflowTaskHandlers(this IServiceCollection services) => services;
}
