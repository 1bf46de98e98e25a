using System.Net;
using System.Net.Sockets;

namespace Workflow.Cli.Tests.Support;

/// <summary>A loopback port that was free a moment ago and has no listener now: a server out of reach.</summary>
internal static class FreePorts
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
