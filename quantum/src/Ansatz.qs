/// # Summary
/// The hardware-efficient ansatz U(θ) shared by the token encoder and the query, key and value circuits
/// (QSANN, arXiv 2205.05625, with the choices the paper leaves open made explicit in docs/model.md).
namespace QSan.Ansatz {
    import Std.Diagnostics.Fact;

    /// # Summary
    /// Number of angles of an ansatz on `numQubits` qubits with `depth` entangling layers: n(D+2).
    ///
    /// # Input
    /// ## numQubits
    /// Number of qubits n ≥ 1.
    /// ## depth
    /// Number of entangling layers D ≥ 0.
    function AnsatzParameterCount(numQubits : Int, depth : Int) : Int {
        numQubits * (depth + 2)
    }

    /// # Summary
    /// Applies U(θ): RX(θ[i]) then RY(θ[n+i]) on each qubit i; then, for each layer r = 1..D,
    /// the CNOT ring followed by RY(θ[(r+1)n+i]) on each qubit i.
    ///
    /// # Input
    /// ## depth
    /// Number of entangling layers D ≥ 0.
    /// ## theta
    /// The n(D+2) angles.
    /// ## qubits
    /// The n qubits.
    operation ApplyAnsatz(depth : Int, theta : Double[], qubits : Qubit[]) : Unit is Adj + Ctl {
        let n = Length(qubits);
        Fact(n >= 1, "The ansatz needs at least one qubit.");
        Fact(depth >= 0, $"The ansatz depth must be at least 0, was {depth}.");
        Fact(Length(theta) == AnsatzParameterCount(n, depth), $"The ansatz on {n} qubits with depth {depth} takes {AnsatzParameterCount(n, depth)} angles, got {Length(theta)}.");
        for i in 0..n - 1 {
            Rx(theta[i], qubits[i]);
            Ry(theta[n + i], qubits[i]);
        }
        for layer in 1..depth {
            ApplyCnotRing(qubits);
            for i in 0..n - 1 {
                Ry(theta[(layer + 1) * n + i], qubits[i]);
            }
        }
    }

    /// # Summary
    /// Applies CNOT(qᵢ, q₍ᵢ₊₁₎ mod n) for i = 0..n-1 in order; nothing on a single qubit.
    ///
    /// # Input
    /// ## qubits
    /// The ring of qubits.
    operation ApplyCnotRing(qubits : Qubit[]) : Unit is Adj + Ctl {
        let n = Length(qubits);
        if n > 1 {
            for i in 0..n - 1 {
                CNOT(qubits[i], qubits[(i + 1) % n]);
            }
        }
    }

    export AnsatzParameterCount, ApplyAnsatz, ApplyCnotRing;
}
