namespace QSan.Quantum.Engine.Native;

/// <summary>
/// Where each logical basis state lives in the stored amplitude array. CNOT and SWAP are linear maps on the index
/// bits over GF(2), so instead of moving amplitudes the compiler composes them here and later kernels address
/// amplitudes through the composed map (a whole lane vector sits behind every index, so the lookups are cheap).
/// </summary>
internal sealed class BitPermutation
{
    // columns[q]: physical index of logical basis state e_q; rows[q]: logical bit q of physical j is parity(rows[q] & j).
    private readonly int[] columns;
    private readonly int[] rows;

    private BitPermutation(int[] columns, int[] rows)
    {
        this.columns = columns;
        this.rows = rows;
    }

    public static BitPermutation Identity(int qubits)
    {
        var unit = Enumerable.Range(0, qubits).Select(q => 1 << q).ToArray();
        return new BitPermutation(unit, (int[])unit.Clone());
    }

    public BitPermutation Clone() => new((int[])columns.Clone(), (int[])rows.Clone());

    /// <summary>Physical mask that flips logical qubit <paramref name="qubit"/>.</summary>
    public int Column(int qubit) => columns[qubit];

    /// <summary>Mask whose parity with a physical index gives logical bit <paramref name="qubit"/>.</summary>
    public int Row(int qubit) => rows[qubit];

    /// <summary>Composes CNOT(control, target) after the current map.</summary>
    public void ApplyCnot(int control, int target)
    {
        columns[control] ^= columns[target];
        rows[target] ^= rows[control];
    }

    /// <summary>Composes SWAP(a, b) after the current map.</summary>
    public void ApplySwap(int a, int b)
    {
        (columns[a], columns[b]) = (columns[b], columns[a]);
        (rows[a], rows[b]) = (rows[b], rows[a]);
    }
}
