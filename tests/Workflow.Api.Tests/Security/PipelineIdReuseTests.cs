using System.Net;
using System.Text.Json;
using Workflow.Api.Tests.Infrastructure;

namespace Workflow.Api.Tests.Security;

/// <summary>
/// A run's id is <c>{pipeline}@{instant}</c> and it belongs to the group of the version it ran, so a pipeline id taken
/// over by another group met the old group's runs: its backfill found its occurrence "existing" (and never ran it),
/// told the state of the other group's run, and that run answered 404 to it. An id stays with its group while runs of
/// it are kept.
/// </summary>
public sealed class PipelineIdReuseTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    /// <summary>Backfills the given days and returns the backfill's progress once it has finished.</summary>
    private static async Task<JsonElement> BackfillAsync(ApiClient client, string id, string from, string to)
    {
        var accepted = await client.PostAsync($"/api/pipelines/{id}/backfills",
            $$"""{ "from": "{{from}}T00:00:00Z", "to": "{{to}}T23:59:59Z" }""");
        await ApiClient.AssertStatusAsync(HttpStatusCode.Accepted, accepted);
        JsonElement progress = default;
        await Poll.UntilAsync(async () =>
        {
            progress = (await ApiClient.JsonAsync(await client.GetAsync(accepted.Headers.Location!.ToString())))
                .GetProperty("progress");
            return progress.GetProperty("waiting").GetInt32() == 0 && progress.GetProperty("running").GetInt32() == 0;
        }, "the backfill to finish");
        return progress;
    }

    [Fact]
    public async Task An_id_whose_runs_of_another_group_are_kept_cannot_be_created_in_a_new_group()
    {
        // Arrange: data-eng's pipeline ran once, and was deleted; its run is kept.
        var id = $"hello-{Guid.NewGuid():N}"[..14];
        var alice = await ApiClient.LoginAsync(factory, "alice", ["data-eng"], ["editor"]);
        var bob = await ApiClient.LoginAsync(factory, "bob", ["ops"], ["editor"]);
        await ApiClient.AssertStatusAsync(HttpStatusCode.Created,
            await alice.PostAsync("/api/pipelines", Definitions.Echo(id, "data-eng")));
        var backfill = await BackfillAsync(alice, id, "2026-03-02", "2026-03-02");
        Assert.Equal(1, backfill.GetProperty("succeeded").GetInt32());
        await ApiClient.AssertStatusAsync(HttpStatusCode.NoContent,
            await alice.SendJsonAsync(HttpMethod.Delete, $"/api/pipelines/{id}", null));

        // Act
        var byPost = await bob.PostAsync("/api/pipelines", Definitions.Echo(id, "ops"));
        var byPut = await bob.SendJsonAsync(HttpMethod.Put, $"/api/pipelines/{id}", Definitions.Echo(id, "ops"));
        var sameGroup = await alice.PostAsync("/api/pipelines", Definitions.Echo(id, "data-eng"));

        // Assert: a 409 that says the id is in use and names nothing of data-eng; its own group may take it again.
        foreach (var refused in new[] { byPost, byPut })
        {
            await ApiClient.AssertStatusAsync(HttpStatusCode.Conflict, refused);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            var detail = (await ApiClient.JsonAsync(refused)).GetProperty("detail").GetString()!;
            Assert.Contains($"'{id}' is still in use", detail, StringComparison.Ordinal);
            Assert.DoesNotContain("data-eng", detail, StringComparison.Ordinal);
        }

        await ApiClient.AssertStatusAsync(HttpStatusCode.Created, sameGroup);
    }

    [Fact]
    public async Task A_pipeline_whose_runs_are_kept_cannot_move_to_another_group()
    {
        // Arrange
        var id = $"moving-{Guid.NewGuid():N}"[..15];
        var carol = await ApiClient.LoginAsync(factory, "carol", ["data-eng", "ops"], ["editor"]);
        await ApiClient.AssertStatusAsync(HttpStatusCode.Created,
            await carol.PostAsync("/api/pipelines", Definitions.Echo(id, "data-eng")));
        await BackfillAsync(carol, id, "2026-03-02", "2026-03-02");

        // Act
        var moved = await carol.SendJsonAsync(HttpMethod.Put, $"/api/pipelines/{id}", Definitions.Echo(id, "ops"),
            ifMatch: "\"v1\"");

        // Assert
        await ApiClient.AssertStatusAsync(HttpStatusCode.Conflict, moved);
        var detail = (await ApiClient.JsonAsync(moved)).GetProperty("detail").GetString();
        Assert.Contains("cannot move to group 'ops'", detail, StringComparison.Ordinal);
        var current = await ApiClient.JsonAsync(await carol.GetAsync($"/api/pipelines/{id}"));
        Assert.Equal("data-eng", current.GetProperty("ownerGroup").GetString());
    }

    [Fact]
    public async Task A_pipeline_moved_without_runs_lists_to_its_new_group_only_the_versions_of_that_group()
    {
        // Arrange
        var id = $"vmove-{Guid.NewGuid():N}"[..14];
        var carol = await ApiClient.LoginAsync(factory, "carol", ["data-eng", "ops"], ["editor"]);
        var dave = await ApiClient.LoginAsync(factory, "dave", ["ops"], ["viewer"]);
        await ApiClient.AssertStatusAsync(HttpStatusCode.Created,
            await carol.PostAsync("/api/pipelines", Definitions.Echo(id, "data-eng")));
        await ApiClient.AssertStatusAsync(HttpStatusCode.OK,
            await carol.SendJsonAsync(HttpMethod.Put, $"/api/pipelines/{id}", Definitions.Echo(id, "ops"),
            ifMatch: "\"v1\""));

        // Act
        var byDave = await ApiClient.JsonAsync(await dave.GetAsync($"/api/pipelines/{id}/versions"));
        var byCarol = await ApiClient.JsonAsync(await carol.GetAsync($"/api/pipelines/{id}/versions"));

        // Assert
        Assert.Equal([2], byDave.EnumerateArray().Select(v => v.GetProperty("version").GetInt32()));
        Assert.Equal([2, 1], byCarol.EnumerateArray().Select(v => v.GetProperty("version").GetInt32()));
    }
}
