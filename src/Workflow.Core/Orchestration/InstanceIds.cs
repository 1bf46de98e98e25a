using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Workflow.Orchestration;

/// <summary>
/// Maps run ids to Durable instance ids. Durable allows 1 to 100 characters, no leading <c>@</c>, and none of
/// <c>/ \ # ?</c> or control characters, but child run ids look like <c>{runId}/{task}#{attempt}</c>. Those
/// characters are percent-encoded, which keeps distinct run ids distinct; an id still longer than 100 keeps
/// its readable start and ends with a hash of the whole id. The run id itself always travels in the input.
/// </summary>
public static class InstanceIds
{
    public const int MaxLength = 100;

    public static string For(string runId)
    {
        ArgumentException.ThrowIfNullOrEmpty(runId);
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

        if (encoded.Length <= MaxLength)
        {
            return encoded.ToString();
        }

        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(runId)))[..16];
        return string.Concat(encoded.ToString(0, MaxLength - 17), "~", hash);
    }
}
