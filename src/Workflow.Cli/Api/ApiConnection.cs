using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Workflow.Cli.Api;

/// <summary>
/// The one HTTP connection the resource clients share: it sends a request with the caller's token, and every failure
/// leaves it as an <see cref="ApiException"/> (the server said no; its problem details parsed) or a
/// <see cref="ServerUnreachableException"/> (no answer at all).
/// </summary>
public sealed class ApiConnection : IDisposable
{
    private readonly HttpClient _http;

    public ApiConnection(Uri server, string? token, HttpMessageHandler? handler = null)
    {
        Server = server;
        _http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        _http.BaseAddress = server;
        _http.Timeout = TimeSpan.FromSeconds(100);
        _http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        _http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/problem+json"));
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("wf", "1.0"));
        if (!string.IsNullOrWhiteSpace(token))
        {
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Trim());
        }
    }

    public Uri Server { get; }

    /// <summary>The records' source-generated JSON, shared with the API's contracts.</summary>
    public static ContractsJsonContext Json => ContractsJsonContext.Default;

    /// <summary>
    /// Sends and reads the answer as <typeparamref name="T"/>; a body that is not that JSON is an <see
    /// cref="ApiException"/>.
    /// </summary>
    public async Task<T> SendForAsync<T>(HttpMethod method, string path, HttpContent? content, JsonTypeInfo<T> type,
        CancellationToken ct)
    {
        using var response = await SendAsync(method, path, content, ct);
        return await ReadAsync(response, type, method, path, ct);
    }

    /// <summary>Reads a success answer's body as <typeparamref name="T"/>.</summary>
    public static async Task<T> ReadAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> type, HttpMethod method,
        string path, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(response);
        var body = await response.Content.ReadAsStringAsync(ct);
        try
        {
            return JsonSerializer.Deserialize(body, type)
                ?? throw new ApiException($"The server answered {method} /{path} with an empty body.");
        }
        catch (JsonException e)
        {
            throw new ApiException($"The server's answer to {method} /{path} is not the expected JSON: {e.Message}", e);
        }
    }

    /// <summary>
    /// Sends a request; a success answer (or a 404 when <paramref name="allowNotFound"/>) is returned for the caller
    /// to dispose, anything else is thrown as an <see cref="ApiException"/>.
    /// </summary>
    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, HttpContent? content,
        CancellationToken ct, string? ifMatch = null, bool allowNotFound = false)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct);
        }
        catch (HttpRequestException e)
        {
            throw new ServerUnreachableException(Server, Reason(e), e);
        }
        catch (TaskCanceledException e) when (!ct.IsCancellationRequested)
        {
            throw new ServerUnreachableException(Server,
                $"no answer within {_http.Timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)}s", e);
        }

        if (response.IsSuccessStatusCode || (allowNotFound && response.StatusCode == HttpStatusCode.NotFound))
        {
            return response;
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(ct);
            throw new ApiException(ProblemParser.Parse((int)response.StatusCode, response.ReasonPhrase, body));
        }
    }

    /// <summary>
    /// GETs an absolute URI the server handed out (a status URI) with this connection's token, returning the status
    /// code and body as they are: for Durable's status query, 202 means still running.
    /// </summary>
    public async Task<(HttpStatusCode Status, string Body)> GetAbsoluteAsync(Uri uri, CancellationToken ct)
    {
        try
        {
            using var response = await _http.GetAsync(uri, ct);
            return (response.StatusCode, await response.Content.ReadAsStringAsync(ct));
        }
        catch (HttpRequestException e)
        {
            throw new ServerUnreachableException(new Uri(uri.GetLeftPart(UriPartial.Authority)), Reason(e), e);
        }
    }

    /// <summary>A JSON request body.</summary>
    public static StringContent JsonContent(string json) => new(json, Encoding.UTF8, "application/json");

    /// <summary>A request body of <typeparamref name="T"/>, written by the shared JSON context.</summary>
    public static StringContent JsonContent<T>(T body, JsonTypeInfo<T> type) =>
        JsonContent(JsonSerializer.Serialize(body, type));

    /// <summary>A value as one URL path segment.</summary>
    public static string Segment(string value) => Uri.EscapeDataString(value);

    /// <summary><paramref name="path"/> with the given query parameters; those without a value are left out.</summary>
    public static string WithQuery(string path, params (string Name, string? Value)[] parameters)
    {
        var given = parameters.Where(p => !string.IsNullOrEmpty(p.Value))
            .Select(p => p.Name + "=" + Uri.EscapeDataString(p.Value!)).ToList();
        return given.Count == 0 ? path : path + "?" + string.Join('&', given);
    }

    public void Dispose() => _http.Dispose();

    private static string Reason(HttpRequestException e) =>
        e.InnerException is SocketException socket
            ? socket.SocketErrorCode switch
            {
                SocketError.ConnectionRefused => "connection refused",
                SocketError.HostNotFound or SocketError.NoData => "unknown host",
                SocketError.TimedOut => "connection timed out",
                _ => socket.Message,
            }
            : e.HttpRequestError switch
            {
                HttpRequestError.NameResolutionError => "unknown host",
                HttpRequestError.ConnectionError => "connection failed",
                HttpRequestError.SecureConnectionError => "TLS handshake failed",
                _ => e.Message,
            };
}
