using System.Text.Json;
using System.Text.RegularExpressions;

namespace Workflow.Functions.Tests.Infra;

/// <summary>
/// <c>infra/main.bicep</c> compiled by the real Bicep CLI into its ARM JSON, once per test run. The consistency
/// checks read this JSON rather than the Bicep text: module parameters, loops and defaults are already resolved
/// into plain resources there.
/// </summary>
internal static partial class CompiledTemplate
{
    private static readonly Lazy<Task<BicepRun>> Build =
        new(() => BicepCli.RunAsync("build", "infra/main.bicep", "--stdout"));

    public static Task<BicepRun> BuildAsync() => Build.Value;

    public static async Task<JsonElement> MainAsync()
    {
        var run = await Build.Value;
        Assert.True(run.ExitCode == 0, $"bicep build failed: {run}");
        return JsonDocument.Parse(run.Stdout).RootElement;
    }

    /// <summary>Every resource of the given type, in the main template and in its modules.</summary>
    public static async Task<IReadOnlyList<DeployedResource>> ResourcesAsync(string type)
    {
        var found = new List<DeployedResource>();
        Collect(await MainAsync(), null, type, found);
        return found;
    }

    /// <summary>Every resource of the given type that one module of main.bicep (by deployment name) declares.</summary>
    public static async Task<IReadOnlyList<DeployedResource>> ModuleResourcesAsync(string module, string type) =>
        (await ResourcesAsync(type)).Where(r => r.Deployment is { } d && d.GetProperty("name").GetString() == module)
            .ToList();

    /// <summary>The module deployment of main.bicep with the given name.</summary>
    public static async Task<JsonElement> ModuleAsync(string module) =>
        Assert.Single(await ResourcesAsync("Microsoft.Resources/deployments"),
            d => d.Resource.GetProperty("name").GetString() == module).Resource;

    /// <summary>
    /// A property value with a plain <c>[parameters('x')]</c> expression resolved: the value the module is given,
    /// else the parameter's default. Other values are returned as they are.
    /// </summary>
    public static JsonElement Resolve(DeployedResource resource, JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.String || ParameterExpression().Match(value.GetString()!) is not
            { Success: true } match)
        {
            return value;
        }

        var name = match.Groups[1].Value;
        if (resource.Deployment is { } deployment
            && deployment.GetProperty("properties").TryGetProperty("parameters", out var given)
            && given.TryGetProperty(name, out var passed) && passed.TryGetProperty("value", out var passedValue))
        {
            return passedValue;
        }

        return resource.Template.GetProperty("parameters").GetProperty(name).GetProperty("defaultValue");
    }

    /// <summary>Every string in the compiled template, at any depth.</summary>
    public static async Task<IReadOnlyList<string>> StringsAsync()
    {
        var strings = new List<string>();
        Strings(await MainAsync(), strings);
        return strings;
    }

    /// <summary>
    /// The role ids an assignment grants: its roleDefinitionId names a role by a variable, directly
    /// (<c>variables('roles').x</c>) or through a list it loops over (<c>variables('list')[copyIndex()]</c>).
    /// </summary>
    public static IEnumerable<string> RoleIds(DeployedResource assignment)
    {
        var variables = assignment.Template.GetProperty("variables");
        var expression = assignment.Properties.GetProperty("roleDefinitionId").GetString()!;
        var items = LoopedList().Match(expression) is { Success: true } loop
            ? variables.GetProperty(loop.Groups[1].Value).EnumerateArray().Select(e => e.GetString()!).ToList()
            : [expression];
        foreach (var item in items)
        {
            var named = NamedRole().Match(item);
            yield return named.Success
                ? variables.GetProperty(named.Groups[1].Value).GetProperty(named.Groups[2].Value).GetString()!
                : item;
        }
    }

    private static void Collect(JsonElement template, JsonElement? deployment, string type,
        List<DeployedResource> found)
    {
        var resources = template.GetProperty("resources");
        var items = resources.ValueKind == JsonValueKind.Object
            ? resources.EnumerateObject().Select(p => p.Value)
            : resources.EnumerateArray();
        foreach (var resource in items)
        {
            var resourceType = resource.GetProperty("type").GetString();
            if (string.Equals(resourceType, type, StringComparison.OrdinalIgnoreCase))
            {
                found.Add(new DeployedResource(resource, template, deployment));
            }

            if (resourceType == "Microsoft.Resources/deployments")
            {
                Collect(resource.GetProperty("properties").GetProperty("template"), resource, type, found);
            }
        }
    }

    private static void Strings(JsonElement element, List<string> strings)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                strings.Add(element.GetString()!);
                break;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    Strings(property.Value, strings);
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Strings(item, strings);
                }

                break;
        }
    }

    [GeneratedRegex(@"variables\('(\w+)'\)\[copyIndex\(\)\]")]
    private static partial Regex LoopedList();

    [GeneratedRegex(@"variables\('(\w+)'\)\.(\w+)")]
    private static partial Regex NamedRole();

    [GeneratedRegex(@"^\[parameters\('(\w+)'\)\]$")]
    private static partial Regex ParameterExpression();
}

/// <summary>A compiled resource, with the template that declares it and that module's deployment.</summary>
internal sealed record DeployedResource(JsonElement Resource, JsonElement Template, JsonElement? Deployment)
{
    public JsonElement Properties => Resource.GetProperty("properties");

    public override string ToString() => $"{Resource.GetProperty("type")} {Resource.GetProperty("name")}";
}
