"""Checks that reference/pytorch_qsann.py is QSan's model: circuits, data and (given a QSan run) the whole forward pass.

1. Circuits: q, k and the d values of tokens with random angles, from both of the script's modes (--ansatz unitary
   and gates), against a dense simulation written here from the gate lists of `qsan circuits --qubits 4 --depth 1`
   (16 x 16 matrices, Kronecker products of the gates, the observables as matrices); and one token with fixed angles
   against the numbers QSan's NativeEngine printed for it (QsannCircuits.AttentionCircuit(4, 1), inputs
   0.1 (i + 1), weights 0.05 (j + 1) + 0.3 r for branch r = query, key, value; a C# file-based app calling
   `NativeEngine.Forward`, 2026-12-06).
2. Data: the splits' sizes and fingerprint, and the vocabulary.
3. With --run FOLDER (a finished `qsan train --dataset yelp` run folder with the same --seed): the vocabulary and the
   split fingerprint against QSan's checkpoint, then QSan's selected weights loaded into the PyTorch model, whose test
   loss and accuracies must equal QSan's result.json.

Usage: /usr/bin/python3 reference/check_pytorch_qsann.py [--data-dir ../shared/datasets] [--seed 1] [--run FOLDER]
"""
import argparse
import json
import os
import struct
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pytorch_qsann as reference  # noqa: E402
import torch  # noqa: E402

# QSan's NativeEngine on the fixed angles below: q, k, then the 12 values (Z0..Z3, Y0..Y3, X0..X3).
NATIVE_ENGINE = [-0.6869313853921625, -0.3685693991622726, 0.017049043755804297, 0.5065634106936563, 0.06915915396948989,
                 0.13880415209351452, -0.036586160987424274, -0.2422870163605526, 0.09887950955046604, -0.1051610205029576,
                 -0.29216342328977307, 0.26075114335327704, -0.3844110799214836, 0.17353313509870807]


def dense_circuit(y, w, n=4):
    """The gate lists of `qsan circuits` as dense matrices: H on all, then U(y), then U(w_q), U(w_k), U(w_v)."""
    i2 = np.eye(2)
    x = np.array([[0, 1], [1, 0]])
    yp = np.array([[0, -1j], [1j, 0]])
    z = np.diag([1.0, -1.0])
    h = np.array([[1, 1], [1, -1]]) / np.sqrt(2)

    def on(gate, qubit):
        m = np.eye(1)
        for i in range(n):
            m = np.kron(m, gate if i == qubit else i2)
        return m

    def cnot(control, target):
        m0, m1 = np.eye(1), np.eye(1)
        for i in range(n):
            m0 = np.kron(m0, np.diag([1.0, 0.0]) if i == control else i2)
            m1 = np.kron(m1, np.diag([0.0, 1.0]) if i == control else x if i == target else i2)
        return m0 + m1

    def rx(t):
        return np.cos(t / 2) * i2 - 1j * np.sin(t / 2) * x

    def ry(t):
        return np.cos(t / 2) * i2 - 1j * np.sin(t / 2) * yp

    def ansatz(theta, psi):
        for q in range(n):
            psi = on(ry(theta[n + q]), q) @ (on(rx(theta[q]), q) @ psi)
        for q in range(n):
            psi = cnot(q, (q + 1) % n) @ psi
        for q in range(n):
            psi = on(ry(theta[2 * n + q]), q) @ psi
        return psi

    psi = np.zeros(2 ** n, complex)
    psi[0] = 1
    for q in range(n):
        psi = on(h, q) @ psi
    psi = ansatz(y, psi)
    states = [ansatz(w[r], psi) for r in range(3)]

    def expect(s, o):
        return float(np.real(np.conj(s) @ o @ s))

    values = [expect(states[2], on([z, yp, x][j // n % 3], j % n)) for j in range(3 * n)]
    return [expect(states[0], on(z, 0)), expect(states[1], on(z, 0))] + values


def check_circuits():
    rng = np.random.default_rng(0)
    angles, weights = rng.uniform(0, 2 * np.pi, (8, 12)), rng.uniform(0, 2 * np.pi, (3, 12))
    expected = np.array([dense_circuit(a, weights) for a in angles])
    fixed_angles = torch.tensor([[0.1 * (i + 1) for i in range(12)]])
    fixed_weights = torch.tensor([[0.05 * (j + 1) + 0.3 * r for j in range(12)] for r in range(3)])
    worst = 0.0
    for mode in ("unitary", "gates"):
        sim = reference.Simulator(4, 1, mode)
        q, k, v = sim.qkv(torch.tensor(angles), torch.tensor(weights))
        got = torch.cat([q.unsqueeze(1), k.unsqueeze(1), v], 1).numpy()
        dense_error = np.abs(got - expected).max()
        q, k, v = sim.qkv(fixed_angles, fixed_weights)
        native_error = np.abs(torch.cat([q, k, v[0]]).numpy() - np.array(NATIVE_ENGINE)).max()
        print(f"circuits, --ansatz {mode}: largest difference {dense_error:.1e} from the dense simulation, {native_error:.1e} from QSan's NativeEngine")
        worst = max(worst, dense_error, native_error)
    return worst < 1e-12


def read_checkpoint(folder):
    """QSan's checkpoint.qsan: 'QSANCKPT', format version, header length, JSON header, then length-prefixed float64 arrays."""
    with open(os.path.join(folder, "checkpoint.qsan"), "rb") as f:
        raw = f.read()
    if raw[:8] != b"QSANCKPT":
        sys.exit(f"{folder}: not a QSan checkpoint")
    length = struct.unpack_from("<i", raw, 12)[0]
    header = json.loads(raw[16:16 + length])
    position = 16 + length

    def array():
        nonlocal position
        count = struct.unpack_from("<i", raw, position)[0]
        values = np.frombuffer(raw, "<f8", count, position + 4)
        position += 4 + 8 * count
        return values

    _ = {name: array() for name in header["weightNames"]}
    best = {name: array() for name in header["bestWeightNames"]}
    return header, best


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", default="../shared/datasets")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--run", help="a finished `qsan train --dataset yelp` run folder with the same seed")
    args = parser.parse_args()
    ok = check_circuits()

    train, validation, test, vocabulary, fingerprint = reference.load_yelp(args.data_dir, args.seed)
    print(f"data: {len(train[2])} / {len(validation[2])} / {len(test[2])} sentences, vocabulary {vocabulary}, splits {fingerprint}")
    if args.run:
        header, best = read_checkpoint(args.run)
        words = reference.vocabulary_words(args.data_dir, args.seed)
        same_words = words == header["vocabulary"]
        same_splits = fingerprint == header["dataFingerprint"]
        print(f"against QSan's checkpoint: vocabulary {'identical' if same_words else 'DIFFERENT'} ({len(header['vocabulary'])} words), "
              f"split fingerprint {'identical' if same_splits else 'DIFFERENT (' + header['dataFingerprint'] + ')'}")
        if not (same_words and same_splits):
            sys.exit("CHECK FAILED: not the data of that run (is --seed the run's seed?)")
        model = reference.Qsann(vocabulary)
        with torch.no_grad():
            model.embedding.copy_(torch.tensor(best["embedding.weight"]).view(vocabulary, -1))
            model.weights.copy_(torch.tensor(best["layer0.head0"]).view(3, -1))
            model.head_weight.copy_(torch.tensor(best["head.weight"]))
            model.head_bias.copy_(torch.tensor(best["head.bias"]))
        with open(os.path.join(args.run, "result.json")) as f:
            result = json.load(f)
        test_loss, test_accuracy = reference.score(model, test)
        _, validation_accuracy = reference.score(model, validation)
        print(f"QSan's selected weights in the PyTorch model: test loss {test_loss:.15f} (QSan {result['testLoss']:.15f}), "
              f"test accuracy {test_accuracy:.4f} ({result['testAccuracy']:.4f}), validation accuracy {validation_accuracy:.4f} ({result['validationAccuracy']:.4f})")
        ok = ok and abs(test_loss - result["testLoss"]) < 1e-12 and test_accuracy == result["testAccuracy"] and validation_accuracy == result["validationAccuracy"]
    print("all checks passed" if ok else "CHECK FAILED")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
