using System.Text.Json.Nodes;

namespace Workflow.Api.Tests.Infrastructure;

/// <summary>The ways <see cref="DefinitionMutator"/> breaks a definition; each returns null when it does not apply.</summary>
public static class MutationKinds
{
    private static readonly string[] Durations =
        ["timeout", "expectedDuration", "initialDelay", "maxDelay", "every", "within", "duration", "runs", "logs"];

    private static readonly string[] BadDurations =
        ["9223372036854775807", "1e308", "-1e308", "\"99999999d\"", "\"9999999999999w\"", "\"P99999999999Y\"",
         "-5", "\"-1h\"", "\"soon\"", "\"\"", "true", "{}", "[]", "\"5 parsecs\""];

    private static readonly string[] Enums = ["kind", "trigger", "overlap", "dstGap", "dstOverlap", "mode"];

    private static readonly string[] BadEnums = ["99", "-1", "\"bogus\"", "true", "1.5", "null", "{}"];

    private static readonly string[] BadIds =
        ["\".\"", "\"..\"", "\"...\"", "\"a/b\"", "\"tab\\tid\"", "\"nul\\u0000\"", "\"\"", "\" \"", "\"../../etc\"",
         $"\"{new string('x', 101)}\"", $"\"{new string('g', 5000)}\"", "42", "null", "[]"];

    private static readonly string[] BadCrons =
        ["\"0 0 31 2 *\"", "\"0 0 30 2 *\"", "\"* * *\"", "\"61 * * * *\"", "\"\"", "\"0 0 * * FUNDAY\"", "7"];

    private static readonly string[] Required =
        ["command", "url", "duration", "handler", "pipelineId", "at"];

    private static readonly Func<JsonObject, Random, Mutant?>[] All =
    [
        Misspell, DropRequiredConfig, BadDuration, BadEnum, BadId, BadCron, BadConfigValue, UnknownConfigField,
        BadDependency, BadNumber, BrokenSyntax, WrongShape,
    ];

    public static int Count => All.Length;

    public static Mutant? Apply(int kind, JsonObject root, Random random) => All[kind](root, random);

    private static Mutant? Misspell(JsonObject root, Random random)
    {
        var (node, path) = DefinitionMutator.Pick(random, DefinitionMutator.Objects(root));
        if (node.Count == 0)
        {
            return null;
        }

        var name = DefinitionMutator.Pick(random, node.Select(p => p.Key).ToList());
        var wrong = name.Any(char.IsUpper)
            ? string.Concat(name.Select(c => char.IsUpper(c) ? "_" + char.ToLowerInvariant(c) : c.ToString()))
            : name + "s_";
        var value = node[name];
        node.Remove(name);
        node[wrong] = value;
        return new Mutant("", $"{path}.{wrong}", $"misspell {name}");
    }

    private static Mutant? DropRequiredConfig(JsonObject root, Random random) =>
        Replace(root, random, Required, [], "drop");

    private static Mutant? BadDuration(JsonObject root, Random random) =>
        Replace(root, random, Durations, BadDurations, "duration");

    private static Mutant? BadEnum(JsonObject root, Random random) =>
        Replace(root, random, Enums, BadEnums, "enum");

    private static Mutant? BadCron(JsonObject root, Random random)
    {
        if (root["schedules"] is not JsonArray { Count: > 0 } schedules)
        {
            return null;
        }

        var index = random.Next(schedules.Count);
        var schedule = schedules[index]!.AsObject();
        schedule["kind"] = "cron";
        schedule["cron"] = DefinitionMutator.Value(DefinitionMutator.Pick(random, BadCrons));
        return new Mutant("", $"$.schedules[{index}].cron", "cron");
    }

    private static Mutant? BadId(JsonObject root, Random random)
    {
        var targets = new List<(JsonObject Parent, string Name, string Path)> { (root, "id", "$.id"), (root, "ownerGroup", "$.ownerGroup") };
        var tasks = root["tasks"]!.AsArray();
        var i = random.Next(tasks.Count);
        targets.Add((tasks[i]!.AsObject(), "id", $"$.tasks[{i}].id"));
        targets.Add((tasks[i]!.AsObject(), "pool", $"$.tasks[{i}].pool"));
        var (parent, name, path) = DefinitionMutator.Pick(random, targets);
        var bad = DefinitionMutator.Pick(random, BadIds);
        if (name == "pool" && bad == "null")
        {
            bad = "\"..\"";
        }

        parent[name] = DefinitionMutator.Value(bad);
        return new Mutant("", path, $"id {name}={Trim(bad)}");
    }

    private static Mutant? BadConfigValue(JsonObject root, Random random)
    {
        var options = new (string Field, string[] Values)[]
        {
            ("command", ["5", "\"\"", "[]", "{}"]), ("env", ["[]", "\"A=1\""]),
            ("url", ["\"not a url\"", "\"ftp://x\"", "5", "\"/relative\""]), ("method", ["\"GE T\"", "5", "\"\""]),
            ("handler", ["\"NoSuchHandler\"", "5", "\"\""]), ("pipelineId", ["\"missing-child\"", "\"..\"", "5"]),
            ("at", ["\"tomorrow\"", "5"]), ("maxItems", ["0", "-1", "\"x\""]), ("headers", ["[]", "5"]),
        };
        var (field, values) = DefinitionMutator.Pick(random, options);
        return Replace(root, random, [field], values, "config");
    }

    private static Mutant? UnknownConfigField(JsonObject root, Random random)
    {
        var tasks = root["tasks"]!.AsArray();
        var i = random.Next(tasks.Count);
        if (tasks[i]!["config"] is not JsonObject config)
        {
            return null;
        }

        var name = DefinitionMutator.Pick(random, ["comand", "urll", "durations", "handlr", "retries", "x"]);
        config[name] = 1;
        return new Mutant("", $"$.tasks[{i}].config.{name}", "config field");
    }

    private static Mutant? BadDependency(JsonObject root, Random random)
    {
        var tasks = root["tasks"]!.AsArray();
        var i = random.Next(tasks.Count);
        var task = tasks[i]!.AsObject();
        var own = task["id"]!.GetValue<string>();
        var dep = DefinitionMutator.Pick(random, ["ghost", own, "", "extract-x"]);
        task["dependsOn"] = new JsonArray(dep);
        return new Mutant("", $"$.tasks[{i}].dependsOn[0]", $"dependsOn {dep}");
    }

    private static Mutant? BadNumber(JsonObject root, Random random)
    {
        string[] whole = ["0", "-3", "1e20", "\"three\"", "true", "[]"];
        var options = new (string Field, string[] Values)[]
        {
            ("maxAttempts", [.. whole, "1000"]), ("maxParallelTasks", whole), ("maxRuns", whole),
            ("backoffCoefficient", [.. whole, "1000"]), ("slowFactor", ["0", "-3", "\"three\"", "true", "[]"]),
        };
        var (field, values) = DefinitionMutator.Pick(random, options);
        return Replace(root, random, [field], values, "number");
    }

    private static Mutant? BrokenSyntax(JsonObject root, Random random)
    {
        var json = root.ToJsonString();
        var cut = random.Next(1, json.Length - 1);
        var broken = random.Next(3) switch
        {
            0 => json[..cut],
            1 => json[..cut] + "\u0001" + json[cut..],
            _ => json.Replace("\"tasks\":[", "\"tasks\":[,", StringComparison.Ordinal),
        };
        return new Mutant(broken, "$", "syntax");
    }

    private static Mutant? WrongShape(JsonObject root, Random random)
    {
        var (name, value) = DefinitionMutator.Pick(random, new (string, string)[]
        {
            ("tasks", "{}"), ("tasks", "[]"), ("tasks", "[null]"), ("tasks", "\"a\""), ("schedules", "{}"),
            ("schedules", "[null]"), ("defaults", "[]"), ("concurrency", "5"), ("sla", "\"fast\""), ("id", "null"),
        });
        root[name] = DefinitionMutator.Value(value);
        return new Mutant("", $"$.{name}", $"shape {name}={value}");
    }

    /// <summary>Sets (or, with no values, removes) one property named in <paramref name="names"/>.</summary>
    private static Mutant? Replace(JsonObject root, Random random, string[] names, string[] values, string what)
    {
        var found = names.SelectMany(n => DefinitionMutator.Properties(root, n).Select(p => (Name: n, p.Parent, p.Path)))
            .ToList();
        if (found.Count == 0)
        {
            return null;
        }

        var (name, parent, path) = DefinitionMutator.Pick(random, found);
        if (values.Length == 0)
        {
            parent.Remove(name);
            return new Mutant("", path, $"{what} {name}");
        }

        var bad = DefinitionMutator.Pick(random, values);
        parent[name] = DefinitionMutator.Value(bad);
        return new Mutant("", path, $"{what} {name}={Trim(bad)}");
    }

    private static string Trim(string text) => text.Length > 30 ? text[..30] + "…" : text;
}
