using System.Net;
using System.Text;
using System.Text.Json;
using Workflow.Model;

namespace Workflow.Runtime.Handlers.Http;

/// <summary>
/// The <c>http</c> kind. A 2xx response's body is the output (JSON when it parses, else a string; large bodies
/// are spilled to the output store). In async mode a 202 with Location parks the attempt on a durable timer for
/// Retry-After and polls the Location then, so no worker waits. 4xx fails as <c>http-4xx</c> (not retried by
/// default), 5xx as <c>http-5xx</c>, connection problems as <c>network</c>.
/// </summary>
internal sealed class HttpTaskHandler(IHttpClientFactory clients) : ITaskHandler
{
    public const string ClientName = "workflow-http-task";

    public string Kind => "http";

    public async ValueTask<TaskOutcome> ExecuteAsync(TaskContext context, CancellationToken cancellationToken)
    {
        var config = HttpTaskConfig.Parse(context.TaskId, context.Config);
        using var request = PollRequest(context) ?? Build(config, context);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(config.Timeout);
        HttpResponseMessage response;
        try
        {
            response = await clients.CreateClient(ClientName).SendAsync(request, timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return TaskOutcome.Failure(ErrorKinds.Timeout,
                $"{request.Method} {request.RequestUri} did not answer within {config.Timeout.TotalSeconds:0.###}s.");
        }
        catch (HttpRequestException ex)
        {
            return TaskOutcome.Failure(ErrorKinds.Network, $"{request.Method} {request.RequestUri} failed: {ex.Message}");
        }

        using (response)
        {
            context.Log.WriteLine($"{request.Method} {request.RequestUri} -> {(int)response.StatusCode}");
            if (config.Async && response.StatusCode == HttpStatusCode.Accepted)
            {
                return Park(context, config, request.RequestUri!, response);
            }

            var text = await response.Content.ReadAsStringAsync(timeout.Token);
            var code = (int)response.StatusCode;
            if (code is >= 200 and < 300)
            {
                return TaskOutcome.Success(AsJson(text));
            }

            var snippet = text.Length > 300 ? text[..300] + "…" : text;
            return TaskOutcome.Failure(code is >= 400 and < 500 ? ErrorKinds.Http4xx : ErrorKinds.Http5xx,
                $"{request.Method} {request.RequestUri} answered {code} {response.ReasonPhrase}: {snippet}");
        }
    }

    private static HttpRequestMessage Build(HttpTaskConfig config, TaskContext context)
    {
        var request = new HttpRequestMessage(new HttpMethod(config.Method), config.Url);
        if (config.Body is { } body)
        {
            request.Content = body.ValueKind == JsonValueKind.String
                ? new StringContent(body.GetString()!, Encoding.UTF8, "text/plain")
                : new StringContent(body.GetRawText(), Encoding.UTF8, "application/json");
        }

        foreach (var (name, value) in config.Headers)
        {
            if (!request.Headers.TryAddWithoutValidation(name, value))
            {
                request.Content?.Headers.Remove(name);
                request.Content?.Headers.TryAddWithoutValidation(name, value);
            }
        }

        request.Headers.TryAddWithoutValidation("Idempotency-Key", context.IdempotencyKey);
        return request;
    }

    private static HttpRequestMessage? PollRequest(TaskContext context) =>
        context.ResumeState is { ValueKind: JsonValueKind.Object } state && state.TryGetProperty("poll", out var poll)
            ? new HttpRequestMessage(HttpMethod.Get, poll.GetString())
            : null;

    private static TaskOutcome Park(TaskContext context, HttpTaskConfig config, Uri requestUri, HttpResponseMessage response)
    {
        var location = response.Headers.Location;
        if (location is null)
        {
            return TaskOutcome.Failure(ErrorKinds.Http5xx,
                $"{requestUri} answered 202 without a Location header, so there is nothing to poll.");
        }

        var absolute = location.IsAbsoluteUri ? location : new Uri(requestUri, location);
        var wait = response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - context.Time.GetUtcNow(),
            _ => config.PollInterval,
        };
        var resumeAt = context.Time.GetUtcNow() + (wait < TimeSpan.Zero ? TimeSpan.Zero : wait);
        context.Log.WriteLine($"accepted; polling {absolute} at {resumeAt:O}");
        return TaskOutcome.Suspend(resumeAt,
            JsonSerializer.SerializeToElement(new Dictionary<string, string> { ["poll"] = absolute.ToString() }));
    }

    private static JsonElement AsJson(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return JsonSerializer.SerializeToElement(text);
        }
    }
}
