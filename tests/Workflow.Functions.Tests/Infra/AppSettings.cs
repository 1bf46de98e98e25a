using System.Collections;
using System.Reflection;
using System.Text.RegularExpressions;
using Workflow.Api;
using Workflow.Api.Security;
using Workflow.Durable;
using Workflow.Durable.Sla;
using Workflow.Functions.Alerts;
using Workflow.Functions.Retention;
using Workflow.Functions.Scheduling;
using Workflow.Functions.Storage;
using Workflow.Runtime.Scheduling;

namespace Workflow.Functions.Tests.Infra;

/// <summary>
/// The settings the Azure app and its Functions host read, found in the places that read them: <c>%NAME%</c> in
/// host.json and in trigger attributes, <c>configuration["NAME"]</c> in the app's code, the options sections
/// Program.cs binds, and the host's own storage connection.
/// </summary>
internal static partial class AppSettings
{
    /// <summary>The sections the app binds (Workflow.Api binds the last two), by the type they bind to.</summary>
    public static readonly IReadOnlyDictionary<string, Type> BoundSections = new Dictionary<string, Type>(
        StringComparer.OrdinalIgnoreCase)
    {
        ["Workflow:RunLoop"] = typeof(RunLoopOptions),
        ["Workflow:SlaLoop"] = typeof(SlaLoopOptions),
        [StorageOptions.Section] = typeof(StorageOptions),
        [AlertsOptions.Section] = typeof(AlertsOptions),
        [SchedulerOptions.Section] = typeof(SchedulerOptions),
        [RetentionOptions.Section] = typeof(RetentionOptions),
        ["Workflow:Samples"] = typeof(Workflow.Samples.SampleOptions),
        [Workflow.Functions.Secrets.SecretsOptions.Section] = typeof(Workflow.Functions.Secrets.SecretsOptions),
        [WorkflowApiOptions.Section] = typeof(WorkflowApiOptions),
        [WorkflowAuthOptions.Section] = typeof(WorkflowAuthOptions),
    };

    /// <summary>The connection the Durable Azure Storage provider uses, from host.json.</summary>
    public static string DurableConnection => RepositoryFiles.Json("host.json").GetProperty("extensions")
        .GetProperty("durableTask").GetProperty("storageProvider").GetProperty("connectionName").GetString()!;

    /// <summary>
    /// An identity-based connection as the Functions host reads it: <c>{name}__credential</c>,
    /// <c>{name}__clientId</c> and one service URI per storage service (the host and Durable use all three).
    /// </summary>
    public static IReadOnlyList<string> IdentityConnection(string name) =>
    [
        $"{name}__credential", $"{name}__clientId", $"{name}__blobServiceUri", $"{name}__queueServiceUri",
        $"{name}__tableServiceUri",
    ];

    /// <summary>Settings named as <c>%NAME%</c> in host.json or in an attribute of a function's parameter.</summary>
    public static IReadOnlyList<string> PercentReferences()
    {
        var texts = new List<string> { RepositoryFiles.Read("host.json") };
        var parameters = typeof(ScheduleTickFunction).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static))
            .SelectMany(m => m.GetParameters());
        foreach (var attribute in parameters.SelectMany(p => p.GetCustomAttributesData()))
        {
            texts.AddRange(attribute.ConstructorArguments.Select(a => a.Value).OfType<string>());
            texts.AddRange(attribute.NamedArguments.Select(a => a.TypedValue.Value).OfType<string>());
        }

        return texts.SelectMany(t => PercentName().Matches(t)).Select(m => m.Groups[1].Value).Distinct().ToList();
    }

    /// <summary>Keys the app's code reads directly from configuration, <c>configuration["NAME"]</c>.</summary>
    public static IReadOnlyList<string> DirectReads()
    {
        return new[] { "src/Workflow.Functions", "src/Workflow.Functions.App" }
            .SelectMany(p => Directory.EnumerateFiles(RepositoryFiles.PathOf(p), "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains("/obj/", StringComparison.Ordinal))
            .Where(f => !f.Contains("/bin/", StringComparison.Ordinal))
            .SelectMany(f => IndexerRead().Matches(File.ReadAllText(f)))
            .Select(m => m.Groups[1].Value)
            .Distinct()
            .ToList();
    }

    /// <summary>Whether a <c>Section__Property</c> setting names a property of an options type the app binds.</summary>
    public static bool IsBoundProperty(string setting)
    {
        var key = setting.Replace("__", ":", StringComparison.Ordinal);
        var split = key.LastIndexOf(':');
        if (split < 0 || !BoundSections.TryGetValue(key[..split], out var type))
        {
            return false;
        }

        var property = type.GetProperty(key[(split + 1)..],
            BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
        return property is not null
            && (property.CanWrite || typeof(IEnumerable).IsAssignableFrom(property.PropertyType));
    }

    [GeneratedRegex(@"%(\w+)%")]
    private static partial Regex PercentName();

    [GeneratedRegex(@"configuration\[""([^""]+)""\]", RegexOptions.IgnoreCase)]
    private static partial Regex IndexerRead();
}
