/// # Summary
/// The token encoder: each token's d = n(D+2) trainable embedding angles become a quantum state.
namespace QSan.Encoder {
    import QSan.Ansatz.AnsatzParameterCount;
    import QSan.Ansatz.ApplyAnsatz;

    /// # Summary
    /// Number of encoder angles of a token: n(D+2), the same as the ansatz.
    ///
    /// # Input
    /// ## numQubits
    /// Number of qubits n.
    /// ## depth
    /// Encoder depth D.
    function EncoderAngleCount(numQubits : Int, depth : Int) : Int {
        AnsatzParameterCount(numQubits, depth)
    }

    /// # Summary
    /// Prepares |ψ⟩ = U_enc(angles) H^⊗n |0ⁿ⟩ on qubits that start in |0ⁿ⟩.
    ///
    /// # Input
    /// ## depth
    /// Encoder depth D.
    /// ## angles
    /// The token's n(D+2) embedding angles.
    /// ## qubits
    /// The n qubits, in |0ⁿ⟩.
    operation EncodeToken(depth : Int, angles : Double[], qubits : Qubit[]) : Unit is Adj + Ctl {
        ApplyToEachCA(H, qubits);
        ApplyAnsatz(depth, angles, qubits);
    }

    export EncoderAngleCount, EncodeToken;
}
