/// # Summary
/// The query, key and value ansatzes of a self-attention head. They share the ansatz family of
/// QSan.Ansatz (docs/model.md, "The ansatz"); each has its own trainable angles. Edit one here and
/// the host picks the change up.
namespace QSan.Attention {
    import QSan.Ansatz.ApplyAnsatz;

    /// # Summary
    /// The query ansatz U_q(θ_q).
    ///
    /// # Input
    /// ## depth
    /// Ansatz depth D.
    /// ## theta
    /// The n(D+2) query angles.
    /// ## qubits
    /// The encoded token.
    operation ApplyQueryAnsatz(depth : Int, theta : Double[], qubits : Qubit[]) : Unit is Adj + Ctl {
        ApplyAnsatz(depth, theta, qubits);
    }

    /// # Summary
    /// The key ansatz U_k(θ_k).
    ///
    /// # Input
    /// ## depth
    /// Ansatz depth D.
    /// ## theta
    /// The n(D+2) key angles.
    /// ## qubits
    /// The encoded token.
    operation ApplyKeyAnsatz(depth : Int, theta : Double[], qubits : Qubit[]) : Unit is Adj + Ctl {
        ApplyAnsatz(depth, theta, qubits);
    }

    /// # Summary
    /// The value ansatz U_v(θ_v).
    ///
    /// # Input
    /// ## depth
    /// Ansatz depth D.
    /// ## theta
    /// The n(D+2) value angles.
    /// ## qubits
    /// The encoded token.
    operation ApplyValueAnsatz(depth : Int, theta : Double[], qubits : Qubit[]) : Unit is Adj + Ctl {
        ApplyAnsatz(depth, theta, qubits);
    }

    export ApplyQueryAnsatz, ApplyKeyAnsatz, ApplyValueAnsatz;
}
