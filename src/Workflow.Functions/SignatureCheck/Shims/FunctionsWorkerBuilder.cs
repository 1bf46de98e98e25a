// Signature shim, not an implementation: Microsoft.Azure.Functions.Worker.Builder (src/DotNetWorker/Builder).
// Transcribed from Azure/azure-functions-dotnet-worker (see docs/azure-api-check.md); every body throws. It exists so that
// Workflow.Functions.SignatureCheck can compile the app's code against these signatures here, where the real
// package cannot be restored. It proves nothing about runtime behaviour.
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Microsoft.Azure.Functions.Worker.Builder;

public class FunctionsApplication
{
    public static FunctionsApplicationBuilder CreateBuilder(string[] args) => throw new NotSupportedException();
}

public class FunctionsApplicationBuilder : IFunctionsWorkerApplicationBuilder
{
    internal FunctionsApplicationBuilder()
    {
    }

    public ConfigurationManager Configuration => throw new NotSupportedException();
    public IHostEnvironment Environment => throw new NotSupportedException();
    public IServiceCollection Services => throw new NotSupportedException();

    public IHost Build() => throw new NotSupportedException();
}
