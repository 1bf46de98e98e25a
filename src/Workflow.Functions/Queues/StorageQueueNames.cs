using System.Security.Cryptography;
using System.Text;
using Workflow.Queues;

namespace Workflow.Functions.Queues;

/// <summary>
/// Maps a group's queue to an Azure Storage queue name (3–63 lowercase letters, digits and single dashes):
/// <c>wf-{16 hex digits of the group's SHA-256}-{queue}</c>, and <c>…-{queue}-deadletter</c> for its dead-letter
/// queue. Group names may hold any character, so the group enters as a hash; <see cref="QueueAddress"/> has already
/// checked the queue's own name, and its length limit leaves room for this prefix and the suffix.
/// </summary>
public static class StorageQueueNames
{
    public const string Prefix = "wf-";

    public static string For(QueueAddress queue)
    {
        ArgumentNullException.ThrowIfNull(queue);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(queue.OwnerGroup));
        return $"{Prefix}{Convert.ToHexStringLower(hash.AsSpan(0, 8))}-{queue.Name}";
    }
}
