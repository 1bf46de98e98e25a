using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Api.Tests.Infrastructure;
using Workflow.Engine.Alerts;
using Workflow.Sla;

namespace Workflow.Api.Tests.Endpoints;

public sealed class AlertEndpointsTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    // Raised now: the host's retention sweep removes an alert older than the retention whose run does not exist.
    private static Alert Sample(string id, string group, AlertKind kind = AlertKind.DeadlineAtRisk) =>
        new(id, kind, AlertSeverity.Warning, "p-" + group, group, "run@1", null, $"alert {id}", DateTimeOffset.UtcNow);

    [Fact]
    public async Task Alerts_are_listed_filtered_and_acknowledged_only_within_the_callers_groups()
    {
        var dispatcher = factory.Services.GetRequiredService<AlertDispatcher>();
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var mine = $"run@{suffix}/deadline-at-risk";
        var theirs = $"run@{suffix}/run-failed";
        await dispatcher.RaiseAsync(Sample(mine, "alerts-a"), null);
        await dispatcher.RaiseAsync(Sample(theirs, "alerts-b", AlertKind.RunFailed), null);
        var viewer = await ApiClient.LoginAsync(factory, "vera", ["alerts-a"], ["viewer"]);
        var operatorA = await ApiClient.LoginAsync(factory, "otto", ["alerts-a"], ["operator"]);

        var listed = await ApiClient.JsonAsync(await viewer.GetAsync("/api/alerts?status=open"));
        var byKind = await ApiClient.JsonAsync(await viewer.GetAsync("/api/alerts?kind=run-failed"));
        var viewerAck = await viewer.PostAsync($"/api/alerts/{Uri.EscapeDataString(mine)}/ack");
        var foreignAck = await operatorA.PostAsync($"/api/alerts/{Uri.EscapeDataString(theirs)}/ack");
        var ack = await operatorA.PostAsync($"/api/alerts/{Uri.EscapeDataString(mine)}/ack");
        var acked = await ApiClient.JsonAsync(ack);
        var openAfter = await ApiClient.JsonAsync(await viewer.GetAsync("/api/alerts?status=open"));
        var badKind = await viewer.GetAsync("/api/alerts?kind=late");

        var ids = listed.EnumerateArray().Select(a => a.GetProperty("id").GetString()).ToList();
        Assert.Contains(mine, ids);
        Assert.DoesNotContain(theirs, ids);
        Assert.Equal(0, byKind.GetArrayLength());
        Assert.Equal("deadline-at-risk", listed.EnumerateArray().First(a => a.GetProperty("id").GetString() == mine)
            .GetProperty("kind").GetString());
        await ApiClient.AssertStatusAsync(HttpStatusCode.Forbidden, viewerAck);
        await ApiClient.AssertStatusAsync(HttpStatusCode.NotFound, foreignAck);
        await ApiClient.AssertStatusAsync(HttpStatusCode.OK, ack);
        Assert.Equal("otto", acked.GetProperty("ackedBy").GetString());
        Assert.Equal("none", acked.GetProperty("delivery").GetProperty("status").GetString());
        Assert.DoesNotContain(mine, openAfter.EnumerateArray().Select(a => a.GetProperty("id").GetString()));
        await ApiClient.AssertStatusAsync(HttpStatusCode.BadRequest, badKind);
        Assert.Contains("deadline-at-risk", await badKind.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_acknowledgement_keeps_the_first_one_and_adds_no_audit_entry()
    {
        // Arrange: the first acknowledgement wins, so the trail must not say that a later caller acknowledged it.
        var dispatcher = factory.Services.GetRequiredService<AlertDispatcher>();
        var group = "alerts-twice-" + Guid.NewGuid().ToString("N")[..8];
        var id = $"run@{group}/deadline-at-risk";
        await dispatcher.RaiseAsync(Sample(id, group), null);
        var otto = await ApiClient.LoginAsync(factory, "otto", [group], ["operator"]);
        var olga = await ApiClient.LoginAsync(factory, "olga", [group], ["operator"]);
        var path = $"/api/alerts/{Uri.EscapeDataString(id)}/ack";

        // Act
        await ApiClient.AssertStatusAsync(HttpStatusCode.OK, await otto.PostAsync(path));
        var second = await olga.PostAsync(path);
        var audit = await ApiClient.JsonAsync(await olga.GetAsync("/api/audit"));

        // Assert
        await ApiClient.AssertStatusAsync(HttpStatusCode.OK, second);
        Assert.Equal("otto", (await ApiClient.JsonAsync(second)).GetProperty("ackedBy").GetString());
        var entry = Assert.Single(audit.EnumerateArray(), e => e.GetProperty("target").GetString() == id);
        Assert.Equal("otto", entry.GetProperty("actor").GetString());
    }

    [Fact]
    public async Task Alerts_are_filtered_by_run_without_the_alerts_of_its_child_runs_or_of_other_runs()
    {
        var dispatcher = factory.Services.GetRequiredService<AlertDispatcher>();
        var run = $"p-alerts-r@{Guid.NewGuid():N}";
        var child = $"{run}/sub#1";
        var other = run + "x";
        Alert Of(string runId, AlertKind kind) =>
            Sample(AlertIds.ForRun(runId, kind), "alerts-r", kind) with { RunId = runId };
        await dispatcher.RaiseAsync(Of(run, AlertKind.RunFailed), null);
        await dispatcher.RaiseAsync(Of(run, AlertKind.DeadlineMissed), null);
        await dispatcher.RaiseAsync(Of(child, AlertKind.RunFailed), null);
        await dispatcher.RaiseAsync(Of(other, AlertKind.RunFailed), null);
        var viewer = await ApiClient.LoginAsync(factory, "rita", ["alerts-r"], ["viewer"]);

        var ofRun = await ApiClient.JsonAsync(await viewer.GetAsync($"/api/alerts?run={Uri.EscapeDataString(run)}"));
        var ofChild = await ApiClient.JsonAsync(
            await viewer.GetAsync($"/api/alerts?run={Uri.EscapeDataString(child)}&kind=run-failed"));
        var ofNone = await ApiClient.JsonAsync(await viewer.GetAsync("/api/alerts?run=no-such-run"));

        Assert.Equal([AlertIds.ForRun(run, AlertKind.DeadlineMissed), AlertIds.ForRun(run, AlertKind.RunFailed)],
            ofRun.EnumerateArray().Select(a => a.GetProperty("id").GetString()).Order(StringComparer.Ordinal));
        Assert.Equal(AlertIds.ForRun(child, AlertKind.RunFailed),
            Assert.Single(ofChild.EnumerateArray()).GetProperty("id").GetString());
        Assert.Equal(0, ofNone.GetArrayLength());
    }

    [Fact]
    public async Task Deleting_a_pipeline_clears_its_alerts_acknowledged_or_not_and_leaves_other_pipelines_alerts_open()
    {
        var dispatcher = factory.Services.GetRequiredService<AlertDispatcher>();
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var doomed = $"gone-{suffix}";
        var kept = $"kept-{suffix}";
        var editor = await ApiClient.LoginAsync(factory, "edna", ["alerts-d"], ["editor", "operator"]);
        await ApiClient.AssertStatusAsync(HttpStatusCode.Created,
            await editor.PostAsync("/api/pipelines", Definitions.Echo(doomed, "alerts-d")));
        await ApiClient.AssertStatusAsync(HttpStatusCode.Created,
            await editor.PostAsync("/api/pipelines", Definitions.Echo(kept, "alerts-d")));
        Alert For(string pipeline, AlertKind kind) =>
            Sample($"{pipeline}@1/{AlertIds.Name(kind)}", "alerts-d", kind) with { PipelineId = pipeline };
        await dispatcher.RaiseAsync(For(doomed, AlertKind.DeadlineAtRisk), null);
        await dispatcher.RaiseAsync(For(doomed, AlertKind.RunFailed), null);
        await dispatcher.RaiseAsync(For(kept, AlertKind.RunFailed), null);
        await ApiClient.AssertStatusAsync(HttpStatusCode.OK,
            await editor.PostAsync($"/api/alerts/{Uri.EscapeDataString($"{doomed}@1/run-failed")}/ack"));

        await ApiClient.AssertStatusAsync(HttpStatusCode.NoContent,
            await editor.SendJsonAsync(HttpMethod.Delete, $"/api/pipelines/{doomed}", null));

        var active = await ApiClient.JsonAsync(await editor.GetAsync($"/api/alerts?status=active&pipeline={doomed}"));
        var cleared = await ApiClient.JsonAsync(await editor.GetAsync($"/api/alerts?status=cleared&pipeline={doomed}"));
        var other = await ApiClient.JsonAsync(await editor.GetAsync($"/api/alerts?status=active&pipeline={kept}"));
        Assert.Equal(0, active.GetArrayLength());
        Assert.Equal(2, cleared.GetArrayLength());
        Assert.All(cleared.EnumerateArray(), a =>
            Assert.Equal("pipeline deleted by edna", a.GetProperty("clearReason").GetString()));
        Assert.Equal(1, other.GetArrayLength());
    }
}
