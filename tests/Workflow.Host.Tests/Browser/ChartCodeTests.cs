using System.Text.Json;
using Microsoft.Playwright;

namespace Workflow.Host.Tests.Browser;

/// <summary>
/// The graph code of the page (layering, outlining the API's critical path, duration parsing), run as the browser runs it: the
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
    public async Task The_graph_outlines_the_critical_path_it_is_given_and_the_edges_between_its_steps()
    {
        // Arrange: extract -> (clean -> shape | enrich) -> load, with the API's path extract, enrich, load.
        const string script = """
            async () => {
              const { renderDag } = await import('/js/charts/dag.js');
              const { svg } = renderDag([
                { key: 'extract', deps: [] }, { key: 'clean', deps: ['extract'] }, { key: 'shape', deps: ['clean'] },
                { key: 'enrich', deps: ['extract'] }, { key: 'load', deps: ['shape', 'enrich'] },
              ], { critical: ['extract', 'enrich', 'load'] });
              return { nodes: [...svg.querySelectorAll('.node[data-critical="true"]')].map(n => n.dataset.task).sort(),
                       edges: svg.querySelectorAll('.edge.critical').length, all: svg.querySelectorAll('.edge').length };
            }
            """;

        // Act
        var result = await fixture.EvaluateAsync(script);

        // Assert
        Assert.Equal(["enrich", "extract", "load"], result.GetProperty("nodes").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(2, result.GetProperty("edges").GetInt32());
        Assert.Equal(5, result.GetProperty("all").GetInt32());
    }

    [Fact]
    public async Task A_critical_path_that_passes_a_skipped_task_is_drawn_through_it_without_outlining_it()
    {
        // Arrange: extract -> gate (skipped) -> load, and extract -> ran (cancelled after it started) -> report; the
        // API's path leaves the skipped gate off: extract, load. A path extract, report may not pass the task that ran.
        const string script = """
            async () => {
              const { renderDag } = await import('/js/charts/dag.js');
              const nodes = [
                { key: 'extract', deps: [], status: 'succeeded', started: true },
                { key: 'gate', deps: ['extract'], status: 'skipped', started: false },
                { key: 'load', deps: ['gate'], status: 'running', started: true },
                { key: 'ran', deps: ['extract'], status: 'cancelled', started: true },
                { key: 'report', deps: ['ran'], status: 'pending', started: false },
              ];
              const critical = svg => ({
                nodes: [...svg.querySelectorAll('.node[data-critical="true"]')].map(n => n.dataset.task).sort(),
                edges: svg.querySelectorAll('.edge.critical').length,
                passing: svg.querySelectorAll('.edge.critical.passing').length });
              return { gate: critical(renderDag(nodes, { critical: ['extract', 'load'] }).svg),
                       ran: critical(renderDag(nodes, { critical: ['extract', 'report'] }).svg) };
            }
            """;

        // Act
        var result = await fixture.EvaluateAsync(script);

        // Assert
        var gate = result.GetProperty("gate");
        Assert.Equal(["extract", "load"], gate.GetProperty("nodes").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(2, gate.GetProperty("edges").GetInt32());
        Assert.Equal(2, gate.GetProperty("passing").GetInt32());
        Assert.Equal(0, result.GetProperty("ran").GetProperty("edges").GetInt32());
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
