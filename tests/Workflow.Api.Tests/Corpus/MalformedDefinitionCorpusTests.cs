using System.Net;
using System.Text.Json;
using Workflow.Api.Tests.Infrastructure;

namespace Workflow.Api.Tests.Corpus;

/// <summary>
/// Hundreds of broken definitions, made by <see cref="DefinitionMutator"/> from valid ones, sent through the real
/// API: none may answer 5xx or be accepted, every refusal must name the broken field, and nothing refused is stored.
/// </summary>
public sealed class MalformedDefinitionCorpusTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private const int Count = 600;

    [Fact]
    public async Task Every_malformed_definition_is_refused_with_a_400_naming_its_field_and_none_is_stored()
    {
        // Arrange: the valid bases are accepted, so every refusal below is the mutation's doing.
        var erin = await ApiClient.LoginAsync(factory, "erin", ["data-eng"], ["editor"]);
        await ApiClient.AssertStatusAsync(HttpStatusCode.Created,
            await erin.PostAsync("/api/pipelines", ValidBases.ChildDefinition));
        for (var i = 0; i < ValidBases.All.Count; i++)
        {
            var valid = ValidBases.All[i].Replace("{id}", $"corpus-base-{i}", StringComparison.Ordinal);
            await ApiClient.AssertStatusAsync(HttpStatusCode.Created, await erin.PostAsync("/api/pipelines", valid));
        }

        var mutator = new DefinitionMutator(seed: 15);
        var failures = new List<string>();

        // Act
        for (var n = 0; n < Count; n++)
        {
            var id = $"corpus-m{n}";
            var mutant = mutator.Next(id);
            var response = n % 4 == 0
                ? await erin.SendJsonAsync(HttpMethod.Put, $"/api/pipelines/{id}", mutant.Json)
                : await erin.PostAsync("/api/pipelines", mutant.Json);
            if (await Judge(response, mutant) is { } failure)
            {
                failures.Add($"#{n} {mutant.Mutation}: {failure}");
            }
        }

        // Assert
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures.Take(40)));
        var stored = await ApiClient.JsonAsync(await erin.GetAsync("/api/pipelines"));
        var ids = stored.EnumerateArray().Select(p => p.GetProperty("id").GetString()!).ToList();
        Assert.Equal(["corpus-base-0", "corpus-base-1", "corpus-base-2", ValidBases.Child],
            ids.Where(i => i.StartsWith("corpus-", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
    }

    /// <summary>Null when the answer is a 400 whose problem details name the mutated field; else what is wrong.</summary>
    private static async Task<string?> Judge(HttpResponseMessage response, Mutant mutant)
    {
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.BadRequest)
        {
            return $"answered {(int)response.StatusCode}: {Short(body)}";
        }

        using var problem = JsonDocument.Parse(body);
        if (!problem.RootElement.TryGetProperty("errors", out var errors) || errors.GetArrayLength() == 0)
        {
            return $"a 400 without field errors: {Short(body)}";
        }

        var paths = errors.EnumerateArray().Select(e => e.GetProperty("path").GetString() ?? "").ToList();
        if (errors.EnumerateArray().Any(e => string.IsNullOrWhiteSpace(e.GetProperty("message").GetString())))
        {
            return $"an error without a message: {Short(body)}";
        }

        return paths.Any(p => Names(p, mutant.Path))
            ? null
            : $"expected an error at {mutant.Path}, got {string.Join(", ", paths)}: {Short(body)}";
    }

    // An error at the field or inside it names it; so does one at its object when the field is what is missing.
    private static bool Names(string errorPath, string field) =>
        errorPath.StartsWith(field, StringComparison.Ordinal) ||
        (errorPath != "$" && field.StartsWith(errorPath + ".", StringComparison.Ordinal));

    private static string Short(string text) => text.Length > 400 ? text[..400] + "…" : text;
}
