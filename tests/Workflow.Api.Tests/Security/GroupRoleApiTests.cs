using System.Net;
using Workflow.Api.Tests.Infrastructure;

namespace Workflow.Api.Tests.Security;

/// <summary>A token with <c>GROUP:ROLE</c> claims acts with each role in its group only, through the real API.</summary>
public sealed class GroupRoleApiTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task An_editor_in_one_group_and_a_viewer_in_another_edits_there_only_reads_here_and_sees_nothing_else()
    {
        // Arrange: pipelines in three groups, made by an admin.
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var admin = await ApiClient.LoginAsync(factory, "root", [], ["admin"]);
        foreach (var group in new[] { "gr-eng", "gr-ops", "gr-fin" })
        {
            await ApiClient.AssertStatusAsync(HttpStatusCode.Created,
                await admin.PostAsync("/api/pipelines", Definitions.Echo($"{group}-{suffix}", group)));
        }

        var mixed = await ApiClient.LoginAsync(factory, "mia", [], ["gr-eng:editor", "gr-ops:viewer"]);

        // Act
        var create = await mixed.PostAsync("/api/pipelines", Definitions.Echo($"gr-eng-new-{suffix}", "gr-eng"));
        var createElsewhere = await mixed.PostAsync("/api/pipelines", Definitions.Echo($"gr-ops-new-{suffix}", "gr-ops"));
        var triggerOwn = await mixed.PostAsync($"/api/pipelines/gr-eng-{suffix}/runs", "{}");
        var readOps = await mixed.GetAsync($"/api/pipelines/gr-ops-{suffix}");
        var triggerOps = await mixed.PostAsync($"/api/pipelines/gr-ops-{suffix}/runs", "{}");
        var readFin = await mixed.GetAsync($"/api/pipelines/gr-fin-{suffix}");
        var listed = await ApiClient.JsonAsync(await mixed.GetAsync("/api/pipelines"));
        var me = await ApiClient.JsonAsync(await mixed.GetAsync("/api/me"));

        // Assert
        await ApiClient.AssertStatusAsync(HttpStatusCode.Created, create);
        await ApiClient.AssertStatusAsync(HttpStatusCode.Forbidden, createElsewhere);
        await ApiClient.AssertStatusAsync(HttpStatusCode.Accepted, triggerOwn);
        await ApiClient.AssertStatusAsync(HttpStatusCode.OK, readOps);
        await ApiClient.AssertStatusAsync(HttpStatusCode.Forbidden, triggerOps);
        Assert.Contains("viewer in 'gr-ops'", await triggerOps.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await ApiClient.AssertStatusAsync(HttpStatusCode.NotFound, readFin);
        var groups = listed.EnumerateArray().Select(p => p.GetProperty("ownerGroup").GetString()).Distinct().Order();
        Assert.Equal(["gr-eng", "gr-ops"], groups);
        Assert.Equal("editor", me.GetProperty("groupRoles").GetProperty("gr-eng").GetString());
        Assert.Equal("viewer", me.GetProperty("groupRoles").GetProperty("gr-ops").GetString());
        Assert.Equal(0, me.GetProperty("roles").GetArrayLength());
    }

    [Fact]
    public async Task A_role_claim_that_names_no_role_is_refused_by_the_development_issuer_with_the_format()
    {
        var http = factory.CreateClient();

        var response = await http.PostAsync("/api/dev/token", new StringContent(
            """{"user": "x", "roles": ["gr-eng:owner"]}""", System.Text.Encoding.UTF8, "application/json"));

        await ApiClient.AssertStatusAsync(HttpStatusCode.BadRequest, response);
        Assert.Contains("GROUP:ROLE", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
