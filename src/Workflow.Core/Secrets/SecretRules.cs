using System.Text;
using System.Text.RegularExpressions;

namespace Workflow.Secrets;

/// <summary>
/// What a secret's name and value may be, the same in both hosts. A name is an identifier
/// (<c>^[A-Za-z_][A-Za-z0-9_]{0,63}$</c>): safe in a URL path, in a template and, encoded, in a Key Vault name.
/// Names compare case-sensitively. A value is non-empty text of at most <see cref="MaxValueBytes"/> UTF-8 bytes
/// (Key Vault's own limit is 25 KiB).
/// </summary>
public static partial class SecretRules
{
    public const int MaxValueBytes = 16 * 1024;

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex Name();

    public static bool IsValidName(string? name) => name is not null && Name().IsMatch(name);

    /// <summary>Null when <paramref name="name"/> is valid, otherwise what is wrong and how to fix it.</summary>
    public static string? CheckName(string? name) => IsValidName(name)
        ? null
        : $"'{name}' is not a valid secret name: use a letter or '_' first, then letters, digits or '_', " +
          "at most 64 characters (for example DB_PASSWORD).";

    /// <summary>Null when <paramref name="value"/> may be stored, otherwise what is wrong.</summary>
    public static string? CheckValue(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "The secret's value is empty; send the value in the request body.";
        }

        var bytes = Encoding.UTF8.GetByteCount(value);
        return bytes > MaxValueBytes
            ? $"The secret's value is {bytes} bytes; a secret may hold at most {MaxValueBytes} bytes."
            : null;
    }
}
