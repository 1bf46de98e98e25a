using System.Net;

namespace Workflow.Api.Tests.Infrastructure;

/// <summary>
/// The same host as <see cref="ApiFactory"/> behind real Kestrel on 127.0.0.1, for requests whose handling depends on
/// the server itself, such as how a percent-encoded path is decoded; its clients speak real HTTP over loopback.
/// </summary>
public sealed class KestrelApiFactory : ApiFactory
{
    public KestrelApiFactory() => UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
}
