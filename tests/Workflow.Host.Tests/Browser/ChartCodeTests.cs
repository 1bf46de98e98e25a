using System.Text.Json;
using Microsoft.Playwright;

namespace Workflow.Host.Tests.Browser;

/// <summary>
/// The graph code of the page (layering, critical path, duration parsing), run as the browser runs it: the
/// modules are imported from the real host into the page.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class ChartCodeTests(DashboardFixture fixture)
{
    [Fact]
    public async Task Tasks_are_layered_by_their_longest_path_from_a_source()
    {
        // Arrange: a diamond plus a shortcut edge a->d that must not pull d into layer 1.
        const string script = """
            async () => {
              const { graphOf, assignLayers } = await import('/js/charts/dag-layout.js');
              const g = graphOf([
                { key: 'a', deps: [] }, { key: 'b', deps: ['a'] }, { key: 'c', deps: ['b'] },
                { key: 'd', deps: ['a', 'c'] }, { key: 'e', deps: [] }, { key: 'x', deps: ['missing'] },
              ]);
              return Object.fromEntries(assignLayers(g));
            }
            """;

        // Act
        var layers = await fixture.EvaluateAsync(script);

        // Assert
        Assert.Equal(0, layers.GetProperty("a").GetInt32());
        Assert.Equal(1, layers.GetProperty("b").GetInt32());
        Assert.Equal(2, layers.GetProperty("c").GetInt32());
        Assert.Equal(3, layers.GetProperty("d").GetInt32());
        Assert.Equal(0, layers.GetProperty("e").GetInt32());
        Assert.Equal(0, layers.GetProperty("x").GetInt32());
    }

    [Fact]
    public async Task The_critical_path_follows_the_longest_chain_of_durations_not_of_tasks()
    {
        // Arrange: extract -> (clean 2s -> shape 2s | enrich 10s) -> load. Fewer tasks, but enrich is longer.
        const string script = """
            async () => {
              const { layoutDag } = await import('/js/charts/dag-layout.js');
              const d = { extract: 1, clean: 2, shape: 2, enrich: 10, load: 1 };
              const layout = layoutDag([
                { key: 'extract', deps: [] }, { key: 'clean', deps: ['extract'] }, { key: 'shape', deps: ['clean'] },
                { key: 'enrich', deps: ['extract'] }, { key: 'load', deps: ['shape', 'enrich'] },
              ], k => d[k]);
              return { path: layout.critical.path, total: layout.critical.total, edges: [...layout.critical.edges],
                       criticalNodes: layout.nodes.filter(n => n.critical).map(n => n.key).sort() };
            }
            """;

        // Act
        var result = await fixture.EvaluateAsync(script);

        // Assert
        Assert.Equal(["extract", "enrich", "load"], result.GetProperty("path").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(12, result.GetProperty("total").GetDouble());
        Assert.Equal(["extract->enrich", "enrich->load"],
            result.GetProperty("edges").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["enrich", "extract", "load"],
            result.GetProperty("criticalNodes").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Durations_in_the_API_forms_are_read_as_seconds()
    {
        // Arrange
        const string script = """
            async () => {
              const { parseDuration } = await import('/js/format.js');
              return ['5m', '1h30m', '00:05:00', '1.02:00:00', 'PT2M30S', '250ms', 42, 'soon', null]
                .map(parseDuration);
            }
            """;

        // Act
        var values = (await fixture.EvaluateAsync(script)).EnumerateArray()
            .Select(v => v.ValueKind == JsonValueKind.Null ? (double?)null : v.GetDouble()).ToList();

        // Assert
        Assert.Equal([300, 5400, 300, 93600, 150, 0.25, 42, null, null], values);
    }
}
