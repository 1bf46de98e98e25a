using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Workflow.Host.Tests.EndToEnd;

/// <summary>
/// The real host as a child process (<c>dotnet Workflow.Host.dll</c> on a free 127.0.0.1 port, data in a temporary
/// directory): it seeds the samples, and a sample pipeline triggered over HTTP runs to success, passing its data
/// from task to task as outputs.
/// </summary>
public sealed class SamplePipelineTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task The_weekly_report_sample_triggered_over_http_succeeds_and_its_code_handler_publishes_the_report()
    {
        using var start = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await using var host = await HostProcess.StartAsync(start.Token);
        using var http = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        var login = await http.PostAsJsonAsync("api/dev/token",
            new { user = "alice", groups = new[] { "data-eng" }, roles = new[] { "operator" } });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        await WaitForSampleAsync(http, "weekly-report", host);

        var trigger = await http.PostAsync("api/pipelines/weekly-report/runs", null);
        Assert.Equal(HttpStatusCode.Accepted, trigger.StatusCode);
        var statusUri = (await trigger.Content.ReadFromJsonAsync<JsonElement>())
            .GetProperty("statusQueryGetUri").GetString()!;
        var run = await PollUntilFinishedAsync(http, statusUri, host);

        Assert.Equal("succeeded", run.GetProperty("run").GetProperty("status").GetString());
        var tasks = run.GetProperty("tasks").EnumerateArray().ToList();
        Assert.Equal(9, tasks.Count);
        Assert.All(tasks, t => Assert.Equal("succeeded", t.GetProperty("status").GetString()));
        var runId = Uri.EscapeDataString(run.GetProperty("run").GetProperty("runId").GetString()!);
        var publish = await http.GetFromJsonAsync<JsonElement>($"api/runs/{runId}/tasks/publish/attempts");
        var report = publish[0].GetProperty("output").GetProperty("report").GetString();
        Assert.Contains("distinct orders:", report, StringComparison.Ordinal);
        var log = await http.GetFromJsonAsync<JsonElement>($"api/runs/{runId}/tasks/aggregate/attempts/1/log");
        Assert.Contains("distinct orders", log.GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_warehouse_sync_has_one_load_task_per_table_file_found_when_the_run_starts()
    {
        using var start = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await using var host = await HostProcess.StartAsync(start.Token);
        using var http = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        var login = await http.PostAsJsonAsync("api/dev/token",
            new { user = "alice", groups = new[] { "data-eng" }, roles = new[] { "operator" } });
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        await WaitForSampleAsync(http, "warehouse-sync", host);
        await File.WriteAllTextAsync(
            Path.Combine(host.DataDirectory, ".workflow", "samples", "warehouse", "invoices.csv"),
            "id,total\n2,10\n1,20\n");

        var trigger = await http.PostAsync("api/pipelines/warehouse-sync/runs", null);
        Assert.Equal(HttpStatusCode.Accepted, trigger.StatusCode);
        var statusUri = (await trigger.Content.ReadFromJsonAsync<JsonElement>())
            .GetProperty("statusQueryGetUri").GetString()!;
        var run = await PollUntilFinishedAsync(http, statusUri, host);

        Assert.Equal("succeeded", run.GetProperty("run").GetProperty("status").GetString());
        var keys = run.GetProperty("tasks").EnumerateArray().Select(t => t.GetProperty("taskKey").GetString())
            .Order(StringComparer.Ordinal);
        Assert.Equal(["load-customers", "load-invoices", "load-orders", "load-products", "manifest"], keys);
    }

    private static Task WaitForSampleAsync(HttpClient http, string id, HostProcess host) =>
        Poll.GetAsync(async () =>
            {
                using var response = await http.GetAsync($"api/pipelines/{id}");
                return response.StatusCode;
            },
            status => status == HttpStatusCode.OK, $"sample {id} to be stored", Deadline,
            status => $"{status}\n{host.Output}");

    private static Task<JsonElement> PollUntilFinishedAsync(HttpClient http, string statusUri, HostProcess host) =>
        Poll.GetAsync(() => http.GetFromJsonAsync<JsonElement>(statusUri),
            body => Status(body) is "succeeded" or "failed" or "cancelled", "the run to finish", Deadline,
            body => $"status {Status(body)}\n{host.Output}");

    private static string? Status(JsonElement body) => body.GetProperty("run").GetProperty("status").GetString();
}
