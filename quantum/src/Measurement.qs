/// # Summary
/// What the query, key and value circuits measure, and how hardware measures it.
/// Query and key: ⟨Z₀⟩. Value: d = n(D+2) single-qubit Paulis, Pⱼ on qubit j mod n, typed by blocks
/// of n as Z, Y, X, Z, Y, X, … — so hardware needs at most three measurement bases, not d circuits.
namespace QSan.Measurement {
    import QSan.Ansatz.AnsatzParameterCount;

    /// # Summary
    /// The query observable: Z on qubit 0.
    ///
    /// # Input
    /// ## numQubits
    /// Number of qubits n.
    function QueryObservables(numQubits : Int) : (Pauli, Int)[] {
        [(PauliZ, 0)]
    }

    /// # Summary
    /// The key observable: Z on qubit 0.
    ///
    /// # Input
    /// ## numQubits
    /// Number of qubits n.
    function KeyObservables(numQubits : Int) : (Pauli, Int)[] {
        [(PauliZ, 0)]
    }

    /// # Summary
    /// The d = n(D+2) value observables (Pauli, qubit), in the order of the value vector.
    ///
    /// # Input
    /// ## numQubits
    /// Number of qubits n.
    /// ## depth
    /// Ansatz depth D.
    function ValueObservables(numQubits : Int, depth : Int) : (Pauli, Int)[] {
        mutable observables = [];
        for j in 0..AnsatzParameterCount(numQubits, depth) - 1 {
            observables += [(ValueBlockPauli(j / numQubits), j % numQubits)];
        }
        observables
    }

    /// # Summary
    /// The distinct bases the value circuit is measured in, one hardware circuit each.
    ///
    /// # Input
    /// ## numQubits
    /// Number of qubits n.
    /// ## depth
    /// Ansatz depth D.
    function ValueMeasurementBases(numQubits : Int, depth : Int) : Pauli[] {
        let blocks = depth + 2;
        mutable bases = [];
        for block in 0..(blocks < 3 ? blocks - 1 | 2) {
            bases += [ValueBlockPauli(block)];
        }
        bases
    }

    /// # Summary
    /// Rotates the eigenbasis of `basis` onto the computational basis (X: H; Y: S† then H; Z: nothing),
    /// so that a Z measurement afterwards measures `basis`.
    ///
    /// # Input
    /// ## basis
    /// PauliX, PauliY or PauliZ.
    /// ## qubit
    /// The qubit to rotate.
    operation RotateToComputationalBasis(basis : Pauli, qubit : Qubit) : Unit is Adj {
        if basis == PauliX {
            H(qubit);
        } elif basis == PauliY {
            Adjoint S(qubit);
            H(qubit);
        } elif basis == PauliI {
            fail "PauliI is not a measurement basis.";
        }
    }

    /// # Summary
    /// Measures every qubit in `basis` at the end of a program (measure and reset, no reuse).
    ///
    /// # Input
    /// ## basis
    /// PauliX, PauliY or PauliZ.
    /// ## qubits
    /// The qubits.
    ///
    /// # Output
    /// One result per qubit: Zero for the +1 eigenvalue.
    operation MeasureInBasis(basis : Pauli, qubits : Qubit[]) : Result[] {
        for q in qubits {
            RotateToComputationalBasis(basis, q);
        }
        MResetEachZ(qubits)
    }

    internal function ValueBlockPauli(block : Int) : Pauli {
        [PauliZ, PauliY, PauliX][block % 3]
    }

    export QueryObservables, KeyObservables, ValueObservables, ValueMeasurementBases, RotateToComputationalBasis, MeasureInBasis;
}
