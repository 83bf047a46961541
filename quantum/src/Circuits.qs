/// # Summary
/// The QSANN circuits as whole programs: what the host imports (through base-profile QIR) and what
/// Azure Quantum runs. Every circuit allocates fresh qubits and ends with end-of-program measurements
/// (no qubit reuse), so base-profile QIR stays a straight line of gates.
namespace QSan.Circuits {
    import QSan.Ansatz.AnsatzParameterCount;
    import QSan.Encoder.EncodeToken;
    import QSan.Attention.ApplyQueryAnsatz;
    import QSan.Attention.ApplyKeyAnsatz;
    import QSan.Attention.ApplyValueAnsatz;
    import QSan.Measurement.MeasureInBasis;

    /// # Summary
    /// The token encoder alone, measured in Z: the host imports the encoder gates from it.
    ///
    /// # Input
    /// ## numQubits
    /// Number of qubits n.
    /// ## depth
    /// Depth D.
    /// ## angles
    /// The token's n(D+2) angles.
    operation EncoderCircuit(numQubits : Int, depth : Int, angles : Double[]) : Result[] {
        use qubits = Qubit[numQubits];
        EncodeToken(depth, angles, qubits);
        MResetEachZ(qubits)
    }

    /// # Summary
    /// The query ansatz alone on |0ⁿ⟩, measured in Z: the host imports the query gates from it.
    ///
    /// # Input
    /// ## numQubits
    /// Number of qubits n.
    /// ## depth
    /// Depth D.
    /// ## theta
    /// The query angles.
    operation QueryAnsatzCircuit(numQubits : Int, depth : Int, theta : Double[]) : Result[] {
        use qubits = Qubit[numQubits];
        ApplyQueryAnsatz(depth, theta, qubits);
        MResetEachZ(qubits)
    }

    /// # Summary
    /// The key ansatz alone on |0ⁿ⟩, measured in Z: the host imports the key gates from it.
    ///
    /// # Input
    /// ## numQubits
    /// Number of qubits n.
    /// ## depth
    /// Depth D.
    /// ## theta
    /// The key angles.
    operation KeyAnsatzCircuit(numQubits : Int, depth : Int, theta : Double[]) : Result[] {
        use qubits = Qubit[numQubits];
        ApplyKeyAnsatz(depth, theta, qubits);
        MResetEachZ(qubits)
    }

    /// # Summary
    /// The value ansatz alone on |0ⁿ⟩, measured in Z: the host imports the value gates from it.
    ///
    /// # Input
    /// ## numQubits
    /// Number of qubits n.
    /// ## depth
    /// Depth D.
    /// ## theta
    /// The value angles.
    operation ValueAnsatzCircuit(numQubits : Int, depth : Int, theta : Double[]) : Result[] {
        use qubits = Qubit[numQubits];
        ApplyValueAnsatz(depth, theta, qubits);
        MResetEachZ(qubits)
    }

    /// # Summary
    /// Prepares the query state U_q(θ_q) U_enc(angles) H^⊗n |0ⁿ⟩ (for exact simulation and hardware).
    ///
    /// # Input
    /// ## depth
    /// Depth D.
    /// ## angles
    /// The token's angles.
    /// ## theta
    /// The query angles.
    /// ## qubits
    /// The n qubits, in |0ⁿ⟩.
    operation PrepareQueryState(depth : Int, angles : Double[], theta : Double[], qubits : Qubit[]) : Unit {
        EncodeToken(depth, angles, qubits);
        ApplyQueryAnsatz(depth, theta, qubits);
    }

    /// # Summary
    /// Prepares the key state U_k(θ_k) U_enc(angles) H^⊗n |0ⁿ⟩.
    ///
    /// # Input
    /// ## depth
    /// Depth D.
    /// ## angles
    /// The token's angles.
    /// ## theta
    /// The key angles.
    /// ## qubits
    /// The n qubits, in |0ⁿ⟩.
    operation PrepareKeyState(depth : Int, angles : Double[], theta : Double[], qubits : Qubit[]) : Unit {
        EncodeToken(depth, angles, qubits);
        ApplyKeyAnsatz(depth, theta, qubits);
    }

    /// # Summary
    /// Prepares the value state U_v(θ_v) U_enc(angles) H^⊗n |0ⁿ⟩.
    ///
    /// # Input
    /// ## depth
    /// Depth D.
    /// ## angles
    /// The token's angles.
    /// ## theta
    /// The value angles.
    /// ## qubits
    /// The n qubits, in |0ⁿ⟩.
    operation PrepareValueState(depth : Int, angles : Double[], theta : Double[], qubits : Qubit[]) : Unit {
        EncodeToken(depth, angles, qubits);
        ApplyValueAnsatz(depth, theta, qubits);
    }

    /// # Summary
    /// The hardware query circuit: every qubit measured in Z; the query reads result 0.
    ///
    /// # Input
    /// ## numQubits
    /// Number of qubits n.
    /// ## depth
    /// Depth D.
    /// ## angles
    /// The token's angles.
    /// ## theta
    /// The query angles.
    operation QueryCircuit(numQubits : Int, depth : Int, angles : Double[], theta : Double[]) : Result[] {
        use qubits = Qubit[numQubits];
        PrepareQueryState(depth, angles, theta, qubits);
        MResetEachZ(qubits)
    }

    /// # Summary
    /// The hardware key circuit: every qubit measured in Z; the key reads result 0.
    ///
    /// # Input
    /// ## numQubits
    /// Number of qubits n.
    /// ## depth
    /// Depth D.
    /// ## angles
    /// The token's angles.
    /// ## theta
    /// The key angles.
    operation KeyCircuit(numQubits : Int, depth : Int, angles : Double[], theta : Double[]) : Result[] {
        use qubits = Qubit[numQubits];
        PrepareKeyState(depth, angles, theta, qubits);
        MResetEachZ(qubits)
    }

    /// # Summary
    /// The hardware value circuit for one measurement basis: every qubit measured in `basis`.
    ///
    /// # Input
    /// ## numQubits
    /// Number of qubits n.
    /// ## depth
    /// Depth D.
    /// ## angles
    /// The token's angles.
    /// ## theta
    /// The value angles.
    /// ## basis
    /// One of QSan.Measurement.ValueMeasurementBases.
    operation ValueCircuit(numQubits : Int, depth : Int, angles : Double[], theta : Double[], basis : Pauli) : Result[] {
        use qubits = Qubit[numQubits];
        PrepareValueState(depth, angles, theta, qubits);
        MeasureInBasis(basis, qubits)
    }

    export EncoderCircuit, QueryAnsatzCircuit, KeyAnsatzCircuit, ValueAnsatzCircuit, PrepareQueryState, PrepareKeyState, PrepareValueState, QueryCircuit, KeyCircuit, ValueCircuit;
}
