using System.Text.Json;
using System.Text.Json.Nodes;

namespace Workflow.Api.Tests.Infrastructure;

/// <summary>One broken definition: its JSON and the JSON path of what was broken, which a refusal must name.</summary>
public sealed record Mutant(string Json, string Path, string Mutation);

/// <summary>
/// Breaks valid definitions one field at a time, deterministically from a seed: misspelt properties, missing or
/// ill-typed config fields, durations that overflow or are negative, undefined enum values, ids that are not
/// path-safe, crons that are wrong or never fire, dependencies that do not exist, and broken JSON syntax. Each
/// mutation makes a definition that must be refused, and reports the path where the refusal must point.
/// </summary>
public sealed class DefinitionMutator(int seed)
{
    private readonly Random _random = new(seed);

    public Mutant Next(string id)
    {
        while (true)
        {
            var text = ValidBases.All[_random.Next(ValidBases.All.Count)].Replace("{id}", id, StringComparison.Ordinal);
            var root = JsonNode.Parse(text)!.AsObject();
            var mutation = _random.Next(MutationKinds.Count);
            if (MutationKinds.Apply(mutation, root, _random) is { } mutant)
            {
                return mutant with { Json = mutant.Json.Length == 0 ? root.ToJsonString() : mutant.Json };
            }
        }
    }

    /// <summary>Every value of a node below <paramref name="root"/> that is an object, with its JSON path.</summary>
    public static List<(JsonObject Node, string Path)> Objects(JsonObject root)
    {
        var found = new List<(JsonObject, string)>();
        Walk(root, "$", found);
        return found;
    }

    private static void Walk(JsonNode? node, string path, List<(JsonObject, string)> found)
    {
        switch (node)
        {
            case JsonObject o:
                found.Add((o, path));
                foreach (var (name, child) in o.ToList())
                {
                    // Free-form values take any names: code args, bodies, headers, env, parameter values and defaults.
                    if (name is not ("args" or "body" or "headers" or "env" or "default") &&
                        !(name == "parameters" && path != "$"))
                    {
                        Walk(child, $"{path}.{name}", found);
                    }
                }

                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    Walk(a[i], $"{path}[{i}]", found);
                }

                break;
        }
    }

    /// <summary>The properties named <paramref name="name"/> anywhere in the definition, with their parents.</summary>
    public static List<(JsonObject Parent, string Path)> Properties(JsonObject root, string name) =>
        Objects(root).Where(o => o.Node.ContainsKey(name)).Select(o => (o.Node, $"{o.Path}.{name}")).ToList();

    public static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    public static JsonNode? Value(string json) => JsonNode.Parse(json);

    public static string Serialize(JsonNode node) => node.ToJsonString(new JsonSerializerOptions());
}
