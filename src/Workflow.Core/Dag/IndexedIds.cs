using System.Collections;

namespace Workflow.Dag;

/// <summary>
/// Task ids read through a list of task indexes, without copying them: a 100,000-task chain's critical path would
/// otherwise be a second array of 100,000 references on the large-object heap.
/// </summary>
internal sealed class IndexedIds(int[] indexes, IReadOnlyList<string> ids) : IReadOnlyList<string>
{
    public int Count => indexes.Length;

    public string this[int index] => ids[indexes[index]];

    public IEnumerator<string> GetEnumerator()
    {
        foreach (var i in indexes)
        {
            yield return ids[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
