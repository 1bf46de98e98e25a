namespace Workflow.Cli.Config;

/// <summary>
/// Where <c>wf login</c> keeps the token: <c>$XDG_CONFIG_HOME/workflow/token</c>, else
/// <c>~/.config/workflow/token</c>. The file is readable by its owner only, since the token is a credential.
/// </summary>
public sealed class TokenStore
{
    public TokenStore(string path)
    {
        Path = path;
    }

    public string Path { get; }

    public static TokenStore FromEnvironment(Func<string, string?> getVariable)
    {
        var configHome = getVariable("XDG_CONFIG_HOME");
        if (string.IsNullOrWhiteSpace(configHome))
        {
            var home = getVariable("HOME");
            if (string.IsNullOrWhiteSpace(home))
            {
                home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            }

            configHome = System.IO.Path.Combine(home, ".config");
        }

        return new TokenStore(System.IO.Path.Combine(configHome, "workflow", "token"));
    }

    public async Task<string?> ReadAsync(CancellationToken ct)
    {
        if (!File.Exists(Path))
        {
            return null;
        }

        var text = (await File.ReadAllTextAsync(Path, ct)).Trim();
        return text.Length == 0 ? null : text;
    }

    public async Task SaveAsync(string token, CancellationToken ct)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        var temp = Path + ".tmp";
        await File.WriteAllTextAsync(temp, token.Trim() + "\n", ct);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.Move(temp, Path, overwrite: true);
    }
}
