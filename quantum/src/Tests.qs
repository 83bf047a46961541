/// # Summary
/// `@Test()` checks of the QSANN circuits; the host's test suite runs them through the bridge.
namespace QSan.Tests {
    import Std.Diagnostics.*;
    import Std.Arrays.*;
    import Std.Convert.*;
    import Std.Math.*;
    import QSan.Ansatz.*;
    import QSan.Encoder.*;
    import QSan.Measurement.*;

    @Test()
    operation EncoderWithZeroAnglesGivesUniformSuperposition() : Unit {
        for numQubits in 1..5 {
            for depth in 0..3 {
                use qubits = Qubit[numQubits];
                EncodeToken(depth, Repeated(0.0, EncoderAngleCount(numQubits, depth)), qubits);
                // H^⊗n maps the uniform superposition, and only it, back to |0ⁿ⟩.
                ApplyToEach(H, qubits);
                Fact(CheckAllZero(qubits), $"n={numQubits}, D={depth}: zero angles did not give |+⟩^⊗n.");
            }
        }
    }

    @Test()
    operation CnotRingMapsBasisStatesLikeTheClassicalRing() : Unit {
        for numQubits in 1..4 {
            for index in 0..2^numQubits - 1 {
                let bits = IntAsBoolArray(index, numQubits);
                use qubits = Qubit[numQubits];
                ApplyPauliFromBitString(PauliX, true, bits, qubits);
                ApplyCnotRing(qubits);
                let expected = ClassicalCnotRing(bits);
                let measured = ResultArrayAsBoolArray(MResetEachZ(qubits));
                Fact(measured == expected, $"CNOT ring on {bits} gave {measured}, expected {expected}.");
            }
        }
    }

    @Test()
    operation CnotRingOnTwoQubitsIsCnotThenReversedCnot() : Unit {
        use qubits = Qubit[2];
        X(qubits[0]);
        ApplyCnotRing(qubits);
        // |10⟩ → CNOT(0,1) → |11⟩ → CNOT(1,0) → |01⟩.
        Fact(ResultArrayAsBoolArray(MResetEachZ(qubits)) == [false, true], "Two-qubit ring mismatch.");
    }

    @Test()
    operation EachValueBasisMeasuresItsEigenstatesDeterministically() : Unit {
        for basis in [PauliX, PauliY, PauliZ] {
            for negative in [false, true] {
                use qubit = Qubit();
                PrepareEigenstate(basis, negative, qubit);
                let result = MeasureInBasis(basis, [qubit]);
                Fact(result == [negative ? One | Zero], $"Eigenstate of {basis} with eigenvalue {negative ? -1 | 1} measured {result}.");
            }
        }
    }

    @Test()
    function ValueObservablesCycleZYXByBlocksOfQubits() : Unit {
        let observables = ValueObservables(2, 2);
        let expected = [(PauliZ, 0), (PauliZ, 1), (PauliY, 0), (PauliY, 1), (PauliX, 0), (PauliX, 1), (PauliZ, 0), (PauliZ, 1)];
        Fact(Length(observables) == Length(expected), "Wrong number of value observables.");
        for i in IndexRange(expected) {
            let (p, q) = observables[i];
            let (ep, eq) = expected[i];
            Fact(p == ep and q == eq, $"Observable {i} is {observables[i]}, expected {expected[i]}.");
        }
        Fact(ValueMeasurementBases(4, 0) == [PauliZ, PauliY], "D=0 needs the Z and Y bases.");
        Fact(ValueMeasurementBases(4, 3) == [PauliZ, PauliY, PauliX], "D≥1 needs the Z, Y and X bases.");
    }

    @Test()
    operation AnsatzFollowedByItsAdjointIsIdentity() : Unit {
        let theta = [0.1, -0.7, 1.3, 0.4, 2.2, -1.9, 0.05, 0.8, -0.3];
        Fact(CheckOperationsAreEqual(3, ApplyAnsatzThenAdjoint(theta, _), ApplyToEachA(I, _)), "U†U ≠ I.");
    }

    @Test()
    operation AnsatzAppliesItsAnglesInTheDocumentedOrder() : Unit {
        let theta = [0.1, -0.7, 1.3, 0.4, 2.2, -1.9];
        Fact(CheckOperationsAreEqual(2, ApplyAnsatz(1, theta, _), ApplyExplicitTwoQubitAnsatz), "ApplyAnsatz(1, θ) on 2 qubits differs from RX(θ0) RY(θ2) | RX(θ1) RY(θ3), CNOT ring, RY(θ4) | RY(θ5).");
    }

    internal operation ApplyAnsatzThenAdjoint(theta : Double[], qs : Qubit[]) : Unit is Adj {
        ApplyAnsatz(1, theta, qs);
        Adjoint ApplyAnsatz(1, theta, qs);
    }

    internal operation ApplyExplicitTwoQubitAnsatz(qs : Qubit[]) : Unit is Adj {
        Rx(0.1, qs[0]);
        Ry(1.3, qs[0]);
        Rx(-0.7, qs[1]);
        Ry(0.4, qs[1]);
        CNOT(qs[0], qs[1]);
        CNOT(qs[1], qs[0]);
        Ry(2.2, qs[0]);
        Ry(-1.9, qs[1]);
    }

    internal function ClassicalCnotRing(bits : Bool[]) : Bool[] {
        let n = Length(bits);
        mutable state = bits;
        if n > 1 {
            for i in 0..n - 1 {
                let target = (i + 1) % n;
                state[target] = state[target] != state[i];
            }
        }
        state
    }

    internal operation PrepareEigenstate(basis : Pauli, negative : Bool, qubit : Qubit) : Unit {
        if negative {
            X(qubit);
        }
        // |0⟩/|1⟩ → |±⟩ with H, → |±i⟩ with H then S.
        if basis == PauliX {
            H(qubit);
        } elif basis == PauliY {
            H(qubit);
            S(qubit);
        }
    }
}
