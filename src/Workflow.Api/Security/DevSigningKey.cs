using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace Workflow.Api.Security;

/// <summary>
/// The symmetric key of the development issuer: the configured one, the one kept in the key file, or a random one
/// made once per process; never a well-known key, so nothing outside this machine can sign a token.
/// </summary>
public sealed class DevSigningKey
{
    private const int KeyBytes = 32;

    public DevSigningKey(WorkflowAuthOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        byte[] bytes;
        if (!string.IsNullOrEmpty(options.DevSigningKey))
        {
            bytes = Encoding.UTF8.GetBytes(options.DevSigningKey);
            if (bytes.Length < KeyBytes)
            {
                throw new InvalidOperationException(
                    $"{WorkflowAuthOptions.Section}:DevSigningKey is {bytes.Length} bytes long; it must be at least {KeyBytes}.");
            }
        }
        else
        {
            bytes = string.IsNullOrEmpty(options.DevSigningKeyFile)
                ? RandomNumberGenerator.GetBytes(KeyBytes)
                : LoadOrCreate(Path.GetFullPath(options.DevSigningKeyFile));
        }

        Key = new SymmetricSecurityKey(bytes) { KeyId = "workflow-dev" };
    }

    public SymmetricSecurityKey Key { get; }

    private static byte[] LoadOrCreate(string path)
    {
        for (var attempt = 0; ; attempt++)
        {
            if (File.Exists(path))
            {
                return Load(path);
            }

            try
            {
                Create(path);
            }
            catch (IOException) when (attempt == 0 && File.Exists(path))
            {
                // Another process made it first; read theirs.
            }
        }
    }

    private static byte[] Load(string path)
    {
        var text = File.ReadAllText(path).Trim();
        try
        {
            var bytes = Convert.FromBase64String(text);
            if (bytes.Length >= KeyBytes)
            {
                return bytes;
            }
        }
        catch (FormatException)
        {
        }

        throw new InvalidOperationException(
            $"The development key file '{path}' does not hold a base64 key of at least {KeyBytes} bytes. " +
            "Delete it to have a new key made (tokens issued with the old key stop working).");
    }

    /// <summary>Writes the key to a private temporary file and moves it into place, so no reader ever sees half a key.</summary>
    private static void Create(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = $"{path}.{Environment.ProcessId}.tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            using (var writer = new StreamWriter(temporary, Encoding.ASCII, options))
            {
                writer.Write(Convert.ToBase64String(RandomNumberGenerator.GetBytes(KeyBytes)));
            }

            File.Move(temporary, path, overwrite: false);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
