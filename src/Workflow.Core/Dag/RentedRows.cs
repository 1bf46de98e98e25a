using System.Buffers;

namespace Workflow.Dag;

/// <summary>
/// A rented int buffer that grows while rows of unknown total length are written into it (the resolved dependencies
/// of a definition), so that only the exact final array is allocated.
/// </summary>
internal static class RentedRows
{
    /// <summary>
    /// <paramref name="rented"/> when it holds <paramref name="needed"/> entries, else a larger rented buffer with its
    /// entries copied, the old one given back.
    /// </summary>
    public static int[] Room(int[] rented, int needed)
    {
        if (needed <= rented.Length)
        {
            return rented;
        }

        var larger = ArrayPool<int>.Shared.Rent(Math.Max(needed, rented.Length * 2));
        rented.AsSpan().CopyTo(larger);
        ArrayPool<int>.Shared.Return(rented);
        return larger;
    }
}
