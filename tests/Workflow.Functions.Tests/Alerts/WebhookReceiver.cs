using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Workflow.Functions.Alerts;

namespace Workflow.Functions.Tests.Alerts;

/// <summary>
/// A webhook receiver on 127.0.0.1 (a real <see cref="HttpListener"/>) whose address is known before it listens,
/// so alerts can be raised while it is down. It records the alert id and event of every body it gets.
/// </summary>
internal sealed class WebhookReceiver : IDisposable
{
    private HttpListener? _listener;

    public WebhookReceiver()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
    }

    public int Port { get; }
    public string Url => $"http://127.0.0.1:{Port}/hook/";
    public ConcurrentQueue<(string AlertId, string Event)> Received { get; } = new();

    public void Start()
    {
        _listener = new HttpListener();
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _ = Task.Run(ServeAsync);
    }

    public int Count(string alertId, string @event) => Received.Count(r => r.AlertId == alertId && r.Event == @event);

    private async Task ServeAsync()
    {
        while (_listener is { IsListening: true } listener)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            using var body = await JsonDocument.ParseAsync(context.Request.InputStream);
            var root = body.RootElement;
            Received.Enqueue((root.GetProperty("alert").GetProperty("id").GetString()!,
                root.GetProperty("event").GetString()!));
            context.Response.StatusCode = 200;
            context.Response.Close();
        }
    }

    public void Dispose() => _listener?.Close();
}
