namespace QSan.Model;

/// <summary>
/// Finds the distinct ids of a batch in order of first appearance and, for every position, which distinct id it holds.
/// Keeps a reusable id → slot table, so a minibatch costs no hashing and no allocation beyond the two results.
/// </summary>
internal sealed class DistinctIds
{
    private int[] slot = [];
    private int[] order = [];

    /// <summary>The distinct ids and, per position, the index of its id among them.</summary>
    /// <param name="ids">Ids in [0, <paramref name="idCount"/>).</param>
    /// <param name="idCount">The number of possible ids.</param>
    public (int[] Distinct, int[] Positions) Find(int[] ids, int idCount)
    {
        if (slot.Length < idCount)
        {
            slot = new int[idCount];
            Array.Fill(slot, -1);
        }
        if (order.Length < ids.Length) order = new int[ids.Length];
        var positions = new int[ids.Length];
        var count = 0;
        for (var i = 0; i < ids.Length; i++)
        {
            var id = ids[i];
            if ((uint)id >= (uint)idCount) throw new ArgumentOutOfRangeException(nameof(ids), $"Token id {id} at position {i} is outside 0..{idCount - 1}.");
            var s = slot[id];
            if (s < 0)
            {
                slot[id] = s = count;
                order[count++] = id;
            }
            positions[i] = s;
        }
        var distinct = order.AsSpan(0, count).ToArray();
        // Reset only the touched slots, so the table stays valid for the next batch.
        foreach (var id in distinct) slot[id] = -1;
        return (distinct, positions);
    }
}
