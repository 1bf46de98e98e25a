using System.Net;
using System.Net.Http.Headers;
using Workflow.Api.Tests.Infrastructure;

namespace Workflow.Api.Tests.OpenApi;

/// <summary>
/// Calls every endpoint of the API through its success and its refusal paths, asserting each answer, so that the
/// statuses the hosts record cover what each endpoint really answers. A new endpoint gets its lines here.
/// </summary>
internal sealed class EndpointDrive(ApiFactory factory)
{
    private ApiClient _erin = null!;
    private ApiClient _olga = null!;
    private ApiClient _vic = null!;
    private ApiClient _otto = null!;

    public async Task RunAsync()
    {
        var anonymous = factory.CreateClient();
        await Expect(HttpStatusCode.OK, anonymous.GetAsync("/api/health"));
        await Expect(HttpStatusCode.BadRequest, new ApiClient(anonymous, "").PostAsync("/api/dev/token", "{}"));
        await Expect(HttpStatusCode.Unauthorized, anonymous.GetAsync("/api/me"));
        _erin = await ApiClient.LoginAsync(factory, "erin", ["data-eng"], ["editor"]);
        _olga = await ApiClient.LoginAsync(factory, "olga", ["data-eng"], ["operator"]);
        _vic = await ApiClient.LoginAsync(factory, "vic", ["data-eng"], ["viewer"]);
        _otto = await ApiClient.LoginAsync(factory, "otto", ["other"], ["editor"]);
        await Expect(HttpStatusCode.OK, _vic.GetAsync("/api/me"));

        await PipelinesAsync();
        await RunsAsync();
        await BackfillsAsync();
        await AlertsQueuesSecretsAndAuditAsync();
    }

    private async Task PipelinesAsync()
    {
        await Expect(HttpStatusCode.Created, _erin.PostAsync("/api/pipelines", Definitions.Echo("oa-echo", "data-eng")));
        await Expect(HttpStatusCode.Conflict, _erin.PostAsync("/api/pipelines", Definitions.Echo("oa-echo", "data-eng")));
        await Expect(HttpStatusCode.BadRequest, _erin.PostAsync("/api/pipelines", "{"));
        await Expect(HttpStatusCode.Forbidden, _vic.PostAsync("/api/pipelines", Definitions.Echo("oa-x", "data-eng")));
        await Expect(HttpStatusCode.OK, _vic.GetAsync("/api/pipelines"));
        var read = await Expect(HttpStatusCode.OK, _vic.GetAsync("/api/pipelines/oa-echo"));
        await Expect(HttpStatusCode.BadRequest, _vic.GetAsync("/api/pipelines/oa-echo?version=x"));
        await Expect(HttpStatusCode.NotFound, _otto.GetAsync("/api/pipelines/oa-echo"));
        await Expect(HttpStatusCode.OK, _vic.GetAsync("/api/pipelines/oa-echo/versions"));
        await Expect(HttpStatusCode.NotFound, _vic.GetAsync("/api/pipelines/oa-none/versions"));
        await Expect(HttpStatusCode.OK, _vic.GetAsync("/api/pipelines/oa-echo/schedule/preview?count=3"));
        await Expect(HttpStatusCode.BadRequest, _vic.GetAsync("/api/pipelines/oa-echo/schedule/preview?count=0"));
        await Expect(HttpStatusCode.OK, _vic.GetAsync("/api/pipelines/oa-echo/durations"));
        await Expect(HttpStatusCode.NotFound, _vic.GetAsync("/api/pipelines/oa-none/durations"));
        await Expect(HttpStatusCode.OK, _vic.GetAsync("/api/pipelines/oa-echo/schedules"));
        await Expect(HttpStatusCode.NotFound, _vic.GetAsync("/api/pipelines/oa-none/schedules"));
        await Expect(HttpStatusCode.OK, _vic.GetAsync("/api/pipelines/oa-echo/outline"));
        await Expect(HttpStatusCode.BadRequest, _vic.GetAsync("/api/pipelines/oa-echo/outline?version=x"));
        await Expect(HttpStatusCode.NotFound, _otto.GetAsync("/api/pipelines/oa-echo/outline"));

        var echo = Definitions.Echo("oa-echo", "data-eng", "changed");
        await Expect((HttpStatusCode)428, _erin.SendJsonAsync(HttpMethod.Put, "/api/pipelines/oa-echo", echo));
        await Expect(HttpStatusCode.PreconditionFailed,
            _erin.SendJsonAsync(HttpMethod.Put, "/api/pipelines/oa-echo", echo, "\"99\""));
        await Expect(HttpStatusCode.OK, _erin.SendJsonAsync(HttpMethod.Put, "/api/pipelines/oa-echo", echo,
            read.Headers.ETag!.ToString()));
        await Expect(HttpStatusCode.Created,
            _erin.SendJsonAsync(HttpMethod.Put, "/api/pipelines/oa-put", Definitions.Echo("oa-put", "data-eng")));
        await Expect(HttpStatusCode.OK, _erin.PostAsync("/api/pipelines/oa-put/disable"));
        await Expect(HttpStatusCode.OK, _erin.PostAsync("/api/pipelines/oa-put/enable"));
        await Expect(HttpStatusCode.Forbidden, _vic.PostAsync("/api/pipelines/oa-put/disable"));
        await Expect(HttpStatusCode.NotFound, _erin.PostAsync("/api/pipelines/oa-none/enable"));
        await Expect(HttpStatusCode.PreconditionFailed,
            _erin.SendJsonAsync(HttpMethod.Delete, "/api/pipelines/oa-put", null, "\"99\""));
        await Expect(HttpStatusCode.NoContent, _erin.SendJsonAsync(HttpMethod.Delete, "/api/pipelines/oa-put", null));
        await Expect(HttpStatusCode.NotFound, _erin.SendJsonAsync(HttpMethod.Delete, "/api/pipelines/oa-put", null));
    }

    private async Task RunsAsync()
    {
        var marker = Path.Combine(factory.DataDirectory, "oa-release");
        var waits = Endpoints.StatusQueryEndpointsTests.WaitsFor("oa-wait", marker);
        await Expect(HttpStatusCode.Created, _erin.PostAsync("/api/pipelines", waits));
        await Expect(HttpStatusCode.Created, _erin.PostAsync("/api/pipelines", Definitions.Slow("oa-slow", "data-eng")));

        var waiting = await RunIdAsync(await Expect(HttpStatusCode.Accepted, _olga.PostAsync("/api/pipelines/oa-wait/runs")));
        await Expect(HttpStatusCode.Accepted, _olga.GetAsync(Status(waiting)));
        await Expect(HttpStatusCode.Conflict, _olga.PostAsync("/api/pipelines/oa-wait/runs", """{"overlap": "skip"}"""));
        await Expect(HttpStatusCode.BadRequest, _olga.PostAsync("/api/pipelines/oa-echo/runs", """{"parameters": 5}"""));
        await Expect(HttpStatusCode.Forbidden, _vic.PostAsync("/api/pipelines/oa-echo/runs"));
        await Expect(HttpStatusCode.NotFound, _olga.PostAsync("/api/pipelines/oa-none/runs"));
        await File.WriteAllTextAsync(marker, "go");
        await _olga.WaitForRunAsync(waiting);
        await Expect(HttpStatusCode.OK, _olga.GetAsync(Status(waiting)));
        await Expect(HttpStatusCode.NotFound, _olga.GetAsync("/api/runs/oa-none/status"));
        await Expect(HttpStatusCode.OK, _vic.GetAsync(Run(waiting)));
        await Expect(HttpStatusCode.NotFound, _otto.GetAsync(Run(waiting)));
        await Expect(HttpStatusCode.OK, _vic.GetAsync(Run(waiting) + "/critical-path"));
        await Expect(HttpStatusCode.NotFound, _otto.GetAsync(Run(waiting) + "/critical-path"));
        await Expect(HttpStatusCode.OK, _vic.GetAsync("/api/runs?pipeline=oa-wait"));
        await Expect(HttpStatusCode.BadRequest, _vic.GetAsync("/api/runs?status=bogus"));
        await Expect(HttpStatusCode.OK, _vic.GetAsync(Run(waiting) + "/tasks/wait/attempts"));
        await Expect(HttpStatusCode.NotFound, _vic.GetAsync(Run(waiting) + "/tasks/none/attempts"));
        await Expect(HttpStatusCode.OK, _vic.GetAsync(Run(waiting) + "/tasks/wait/attempts/1/log"));
        await Expect(HttpStatusCode.BadRequest, _vic.GetAsync(Run(waiting) + "/tasks/wait/attempts/x/log"));
        await Expect(HttpStatusCode.NotFound, _vic.GetAsync(Run(waiting) + "/tasks/wait/attempts/9/log"));
        await Expect(HttpStatusCode.Conflict, _olga.PostAsync(Run(waiting) + "/rerun"));
        await Expect(HttpStatusCode.Conflict, _olga.PostAsync(Run(waiting) + "/cancel"));

        var slow = await RunIdAsync(await Expect(HttpStatusCode.Accepted, _olga.PostAsync("/api/pipelines/oa-slow/runs")));
        await Expect(HttpStatusCode.Forbidden, _vic.PostAsync(Run(slow) + "/suspend"));
        await Expect(HttpStatusCode.BadRequest, _olga.PostAsync(Run(slow) + "/suspend", "{"));
        await Expect(HttpStatusCode.Accepted, _olga.PostAsync(Run(slow) + "/suspend", """{"reason": "drive"}"""));
        await Expect(HttpStatusCode.OK, _olga.PostAsync(Run(slow) + "/suspend"));
        await Expect(HttpStatusCode.Accepted, _olga.PostAsync(Run(slow) + "/resume"));
        await Expect(HttpStatusCode.OK, _olga.PostAsync(Run(slow) + "/resume"));
        await Expect(HttpStatusCode.NotFound, _olga.PostAsync("/api/runs/oa-none/suspend"));
        await Expect(HttpStatusCode.NotFound, _olga.PostAsync("/api/runs/oa-none/resume"));
        await Expect(HttpStatusCode.Conflict, _olga.PostAsync(Run(waiting) + "/suspend"));
        await Expect(HttpStatusCode.Forbidden, _vic.PostAsync(Run(slow) + "/cancel"));
        await Expect(HttpStatusCode.Accepted, _olga.PostAsync(Run(slow) + "/cancel", """{"reason": "drive"}"""));
        await _olga.WaitForRunAsync(slow);
        await Expect(HttpStatusCode.BadRequest, _olga.PostAsync(Run(slow) + "/rerun?version=newest"));
        await Expect(HttpStatusCode.BadRequest, _olga.PostAsync(Run(slow) + "/rerun?fromTask=oa-none"));
        var rerun = await RunIdAsync(await Expect(HttpStatusCode.Accepted, _olga.PostAsync(Run(slow) + "/rerun")));
        await Expect(HttpStatusCode.Accepted, _olga.PostAsync(Run(rerun) + "/cancel"));
        await _olga.WaitForRunAsync(rerun);

        var keyed = Keyed("/api/pipelines/oa-echo/runs", "oa-key-1");
        await Expect(HttpStatusCode.Accepted, _olga.Http.SendAsync(keyed()));
        await Expect(HttpStatusCode.OK, _olga.Http.SendAsync(keyed()));
    }

    private async Task BackfillsAsync()
    {
        await Expect(HttpStatusCode.Created, _erin.PostAsync("/api/pipelines", """
            { "id": "oa-daily", "ownerGroup": "data-eng",
              "schedules": [{ "name": "daily", "kind": "cron", "cron": "0 2 * * *" }],
              "tasks": [ { "id": "t", "kind": "process", "config": { "command": "true" } } ] }
            """));
        const string path = "/api/pipelines/oa-daily/backfills";
        const string range = """{ "from": "2026-03-01T00:00:00Z", "to": "2026-03-01T23:00:00Z" }""";
        await Expect(HttpStatusCode.BadRequest, _olga.PostAsync(path, "{}"));
        await Expect(HttpStatusCode.Forbidden, _vic.PostAsync(path, range));
        var started = await Expect(HttpStatusCode.Accepted, _olga.PostAsync(path, range));
        var id = (await ApiClient.JsonAsync(started)).GetProperty("backfillId").GetString()!;
        await Expect(HttpStatusCode.OK, _vic.GetAsync($"{path}/{id}"));
        await Poll.UntilAsync(async () => (await _vic.GetAsync($"{path}/{id}/status")).StatusCode == HttpStatusCode.OK,
            "the backfill's status to answer 200");
        await Expect(HttpStatusCode.NotFound, _vic.GetAsync($"{path}/bf-none"));
        await Expect(HttpStatusCode.NotFound, _vic.GetAsync($"{path}/bf-none/status"));
    }

    private async Task AlertsQueuesSecretsAndAuditAsync()
    {
        await Expect(HttpStatusCode.OK, _vic.GetAsync("/api/alerts"));
        await Expect(HttpStatusCode.BadRequest, _vic.GetAsync("/api/alerts?status=bogus"));
        await Expect(HttpStatusCode.NotFound, _vic.GetAsync("/api/alerts/oa-none"));
        await Expect(HttpStatusCode.NotFound, _olga.PostAsync("/api/alerts/oa-none/ack"));

        await Expect(HttpStatusCode.Accepted, _olga.PostAsync("/api/queues/data-eng/inbox/messages", "[1, 2]"));
        await Expect(HttpStatusCode.BadRequest, _olga.PostAsync("/api/queues/data-eng/inbox/messages", "[]"));
        await Expect(HttpStatusCode.Forbidden, _vic.PostAsync("/api/queues/data-eng/inbox/messages", "1"));
        await Expect(HttpStatusCode.OK, _vic.GetAsync("/api/queues/data-eng/inbox"));
        await Expect(HttpStatusCode.BadRequest, _vic.GetAsync("/api/queues/data-eng/in%20box"));
        await Expect(HttpStatusCode.NotFound, _otto.GetAsync("/api/queues/data-eng/inbox"));

        const string secret = "/api/groups/data-eng/secrets/OA_TOKEN";
        await Expect(HttpStatusCode.Created, _erin.SendJsonAsync(HttpMethod.Put, secret, """{"value": "s1"}"""));
        await Expect(HttpStatusCode.OK, _erin.SendJsonAsync(HttpMethod.Put, secret, """{"value": "s2"}"""));
        await Expect(HttpStatusCode.BadRequest, _erin.SendJsonAsync(HttpMethod.Put, secret, """{"value": ""}"""));
        await Expect(HttpStatusCode.BadRequest,
            _erin.SendJsonAsync(HttpMethod.Put, "/api/groups/data-eng/secrets/1bad", """{"value": "s"}"""));
        await Expect(HttpStatusCode.Forbidden, _vic.SendJsonAsync(HttpMethod.Put, secret, """{"value": "s3"}"""));
        await Expect(HttpStatusCode.OK, _vic.GetAsync("/api/groups/data-eng/secrets"));
        await Expect(HttpStatusCode.NotFound, _otto.GetAsync("/api/groups/data-eng/secrets"));
        await Expect(HttpStatusCode.NoContent, _erin.SendJsonAsync(HttpMethod.Delete, secret, null));
        await Expect(HttpStatusCode.NotFound, _erin.SendJsonAsync(HttpMethod.Delete, secret, null));

        await Expect(HttpStatusCode.OK, _vic.GetAsync("/api/audit"));
        await Expect(HttpStatusCode.BadRequest, _vic.GetAsync("/api/audit?limit=0"));
    }

    private static async Task<HttpResponseMessage> Expect(HttpStatusCode status, Task<HttpResponseMessage> call)
    {
        var response = await call;
        await ApiClient.AssertStatusAsync(status, response);
        return response;
    }

    private static async Task<string> RunIdAsync(HttpResponseMessage accepted) =>
        (await ApiClient.JsonAsync(accepted)).GetProperty("runId").GetString()!;

    private static string Run(string runId) => $"/api/runs/{Uri.EscapeDataString(runId)}";

    private static string Status(string runId) => Run(runId) + "/status";

    private static Func<HttpRequestMessage> Keyed(string path, string key) => () =>
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new StringContent("{}", new MediaTypeHeaderValue("application/json")),
        };
        request.Headers.Add("Idempotency-Key", key);
        return request;
    };
}
