namespace Workflow.Cli.Config;

/// <summary>
/// Which server to talk to and with which token. Precedence: the command-line option, then the environment
/// (<c>WF_SERVER</c>, <c>WF_TOKEN</c>), then the default URL and the token saved by <c>wf login</c>.
/// </summary>
public sealed record ConnectionSettings(Uri Server, string? Token)
{
    public const string DefaultServer = "http://127.0.0.1:5080";
    public const string ServerVariable = "WF_SERVER";
    public const string TokenVariable = "WF_TOKEN";

    public static Uri ResolveServer(string? option, Func<string, string?> getVariable)
    {
        var text = FirstNonEmpty(option, getVariable(ServerVariable)) ?? DefaultServer;
        return ParseServer(text);
    }

    public static async Task<ConnectionSettings> ResolveAsync(string? serverOption, string? tokenOption,
        Func<string, string?> getVariable, TokenStore store, CancellationToken ct)
    {
        var server = ResolveServer(serverOption, getVariable);
        var token = FirstNonEmpty(tokenOption, getVariable(TokenVariable)) ?? await store.ReadAsync(ct);
        return new ConnectionSettings(server, token);
    }

    /// <summary>Accepts <c>host:port</c> as well as a full URL, and always ends the path with '/'.</summary>
    public static Uri ParseServer(string text)
    {
        var trimmed = text.Trim();
        if (!trimmed.Contains("://", StringComparison.Ordinal))
        {
            trimmed = "http://" + trimmed;
        }

        if (!Uri.TryCreate(trimmed, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new CliUsageException(
                $"The server URL '{text}' is not valid. Give it like http://127.0.0.1:5080 (--server or {ServerVariable}).");
        }

        return uri.AbsolutePath.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
    }

    private static string? FirstNonEmpty(params string?[] values) =>
        values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v))?.Trim();
}
