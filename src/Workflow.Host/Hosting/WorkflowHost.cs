using Microsoft.Extensions.Options;
using Workflow.Api;
using Workflow.Api.Endpoints;
using Workflow.Api.Security;
using Workflow.Engine;
using Workflow.Engine.Alerts;
using Workflow.Engine.Scheduling;
using Workflow.Engine.Storage;
using Workflow.Engine.Telemetry;
using Workflow.Host.Audit;
using Workflow.Runtime.Handlers;
using Workflow.Runtime.Logs;
using Workflow.Samples;
using Workflow.Services;

namespace Workflow.Host.Hosting;

/// <summary>
/// Builds the embedded host: the engine on a data directory, the scheduler, the HTTP API and the dashboard's static
/// files, in one process. <c>--data DIR</c> picks the data directory; <c>--urls</c> the address.
/// </summary>
public static class WorkflowHost
{
    /// <summary>The exit code of a host refused because another process holds its data directory (EX_TEMPFAIL).</summary>
    public const int DataDirectoryInUseExitCode = 75;

    /// <summary>The configuration section bound to <see cref="EngineOptions"/>.</summary>
    public const string EngineSection = "Workflow:Engine";

    public static WebApplication Build(string[] args)
    {
        // The content root (appsettings.json, wwwroot) is the application's folder, not the working directory, so
        // that the working directory is only where the data goes. --contentRoot still overrides it.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = HasContentRoot(args) ? null : AppContext.BaseDirectory,
        });
        builder.Configuration.AddCommandLine(args, new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["--data"] = $"{WorkflowHostOptions.Section}:{nameof(WorkflowHostOptions.DataDirectory)}",
        });
        ConfigureServices(builder);
        var app = builder.Build();
        Configure(app);
        return app;
    }

    /// <summary>
    /// Takes the data directory's exclusive lock before anything starts, so that a second host on the same
    /// directory exits at once, naming the directory and the process that holds it, instead of running the same
    /// work twice. The engine takes the same lock when it starts; this only makes the refusal early and clear.
    /// </summary>
    public static bool TryLockDataDirectory(WebApplication app)
    {
        try
        {
            app.Services.GetRequiredService<DataDirectoryLock>().Acquire();
            return true;
        }
        catch (DataDirectoryLockedException ex)
        {
            Log.DataDirectoryInUse(app.Logger, ex.DataDirectory,
                ex.HolderProcessId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unknown");
            return false;
        }
    }

    private static bool HasContentRoot(string[] args) =>
        args.Any(a => a.StartsWith("--contentRoot", StringComparison.OrdinalIgnoreCase)) ||
        !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("ASPNETCORE_CONTENTROOT"));

    private static void ConfigureServices(WebApplicationBuilder builder)
    {
        // Options are read when first resolved, not here, so that settings added later (tests) still count.
        builder.Services.AddOptions<WorkflowHostOptions>().Bind(
            builder.Configuration.GetSection(WorkflowHostOptions.Section));
        builder.Services.AddWorkflowEngine();
        // Pools, purge interval, retention and the rest from Workflow:Engine; the data directory is Workflow's own.
        builder.Services.AddOptions<EngineOptions>()
            .Bind(builder.Configuration.GetSection(EngineSection))
            .Configure<IOptions<WorkflowHostOptions>>((engine, host) => engine.DataDirectory = host.Value.FullDataDirectory);
        builder.Services.AddWorkflowScheduler(builder.Configuration);
        builder.Services.AddOptions<BackfillOptions>().Bind(builder.Configuration.GetSection(BackfillOptions.Section));
        builder.Services.AddOptions<TaskLogOptions>().Bind(builder.Configuration.GetSection(TaskLogOptions.Section));
        if (builder.Environment.IsDevelopment())
        {
            KeepDevKeyInDataDirectory(builder.Configuration);
        }

        builder.Services.AddWorkflowApi(builder.Configuration, builder.Environment);
        builder.Services.AddOptions<WorkflowApiOptions>().Configure<HandlerRegistry>((api, handlers) =>
        {
            api.TaskKinds.UnionWith(handlers.Kinds);
            api.CodeHandlerExists = handlers.HasCodeHandler;
        });
        builder.Services.AddSqliteAuditLog();
        // The samples, registered as a user registers their own code; their files live in the data directory.
        builder.Services.AddWorkflowSamples();
        builder.Services.AddOptions<SampleOptions>().Configure<IOptions<WorkflowHostOptions>>((samples, host) =>
        {
            samples.Enabled = host.Value.Samples;
            samples.Directory = Path.Combine(host.Value.FullDataDirectory, "samples");
        });
        builder.Services.AddWorkflowAlerts();
        builder.Services.AddOptions<AlertOptions>().Bind(builder.Configuration.GetSection("Workflow:Alerts"));
        builder.Services.AddWorkflowTelemetryExport();
        builder.Services.AddOptions<TelemetryOptions>().Bind(builder.Configuration.GetSection("Workflow:Telemetry"));
    }

    /// <summary>Dev tokens outlive a restart: the random development key is kept in the data directory.</summary>
    private static void KeepDevKeyInDataDirectory(ConfigurationManager configuration)
    {
        var key = $"{WorkflowAuthOptions.Section}:{nameof(WorkflowAuthOptions.DevSigningKeyFile)}";
        if (string.IsNullOrEmpty(configuration[key]))
        {
            var host = configuration.GetSection(WorkflowHostOptions.Section).Get<WorkflowHostOptions>()
                ?? new WorkflowHostOptions();
            configuration[key] = Path.Combine(host.FullDataDirectory, "dev-signing-key");
        }
    }

    private static void Configure(WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<WorkflowHostOptions>>().Value;
        Log.Starting(app.Logger, options.FullDataDirectory, app.Environment.EnvironmentName);
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.UseWorkflowApi();
        app.MapWorkflowAlerts();
        app.MapWorkflowQueues();
        app.MapWorkflowSecrets();
        app.MapWorkflowApi();
    }
}
