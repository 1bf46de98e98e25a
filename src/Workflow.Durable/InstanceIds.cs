using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Workflow.Durable;

/// <summary>
/// Maps run ids to Durable instance ids. Durable allows 1 to 100 characters, no leading <c>@</c>, and none of
/// <c>/ \ # ?</c> or control characters, but child run ids look like <c>{runId}/{task}#{attempt}</c>. Those
/// characters are percent-encoded, which keeps distinct run ids distinct; an id still longer than 100 keeps
/// its readable start and ends with a hash of the whole id. The run id itself always travels in the input.
/// </summary>
public static class InstanceIds
{
    public const int MaxLength = 100;

    /// <summary>How much of a long id's encoded start is kept before its hash.</summary>
    private const int KeptStart = MaxLength - 17;

    public static string For(string runId)
    {
        ArgumentException.ThrowIfNullOrEmpty(runId);
        var encoded = Encode(runId);
        if (encoded.Length <= MaxLength)
        {
            return encoded;
        }

        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(runId)))[..16];
        return string.Concat(encoded.AsSpan(0, KeptStart), "~", hash);
    }

    /// <summary>
    /// A prefix that the instance id of every run id starting with <paramref name="runIdPrefix"/> starts with, for
    /// instance queries by prefix. Long ids keep only their start, so the prefix is cut to that start; callers
    /// filter what it finds by the run's own fields.
    /// </summary>
    public static string PrefixFor(string runIdPrefix)
    {
        ArgumentException.ThrowIfNullOrEmpty(runIdPrefix);
        var encoded = Encode(runIdPrefix);
        return encoded.Length <= KeptStart ? encoded : encoded[..KeptStart];
    }

    private static string Encode(string runId)
    {
        var encoded = new StringBuilder(runId.Length + 8);
        for (var i = 0; i < runId.Length; i++)
        {
            var c = runId[i];
            if (c is '%' or '/' or '\\' or '#' or '?' || char.IsControl(c) || (i == 0 && c == '@'))
            {
                encoded.Append('%').Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
            }
            else
            {
                encoded.Append(c);
            }
        }

        return encoded.ToString();
    }
}
