using QSan.Quantum.Circuits;

namespace QSan.Quantum.Qsann;

/// <summary>
/// The QSANN token circuits for one (n, D), imported from the Q# project: the encoder as the shared prefix
/// and the query, key and value ansatzes as branches with their observables (docs/model.md, "Query, key and value").
/// </summary>
/// <param name="NumQubits">n.</param>
/// <param name="Depth">D.</param>
/// <param name="Circuit">Encoder prefix (inputs: the token's angles) and the query, key, value branches, in that order.</param>
/// <param name="SourceHash">Hash of the Q# sources the templates came from.</param>
/// <param name="CompilerVersion">The qsharp-lang version that compiled them.</param>
public sealed record QsannCircuitFamily(int NumQubits, int Depth, BranchedCircuit Circuit, string SourceHash, string CompilerVersion)
{
    /// <summary>Branch names, in order.</summary>
    public static readonly string[] BranchNames = ["query", "key", "value"];

    /// <summary>Angles per token (the encoder's input count).</summary>
    public int TokenAngleCount => Circuit.InputCount;

    /// <summary>The branch of a given name.</summary>
    public CircuitBranch Branch(string name) => Circuit.Branches.Single(b => b.Name == name);
}
