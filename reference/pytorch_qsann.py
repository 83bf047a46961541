"""The speed reference of issue 18: QSANN trained on Yelp as a batched PyTorch state-vector simulation.

BENCHMARKS.md compares `qsan train --dataset yelp` (the paper preset) with this script run on the same machine in the
same session (reference/compare_qsann_speed.py runs both, alternating). It builds the model of docs/model.md with the
paper's sizes and training, in float64 (complex128 amplitudes), and trains it with PyTorch autograd through the
simulation:

- data: the UCI Yelp file split as QSan splits it (stratified 20 % test split with seed 1, then a stratified 20 %
  validation split of the rest with QSan's derived seed, both drawn with .NET's seeded System.Random, reimplemented
  below), cut into tokens by QSan's word tokenizer (lower-cased runs of letters and digits, apostrophes inside a
  word kept), vocabulary of the training split with <unk> at id 0: 640 / 160 / 200 sentences;
- model (n = 4 qubits, D = 1, L = 1, H = 1, d = n(D+2) = 12): an embedding of d angles per token; the encoder
  U(y) H^n |0000>; query, key and value ansatzes U(theta_q), U(theta_k), U(theta_v) (RX, RY on every qubit, the
  CNOT ring 0->1->2->3->0, RY on every qubit); q = <Z0>, k = <Z0>, value entry j = <P_j> on qubit j mod n with P
  running Z, Y, X by blocks of n; Gaussian projected attention exp(-(q_s - k_j)^2) normalised within each sentence;
  residual y + attention; mean pooling; p = sigmoid(w . mean + b); MSE(p, label); every parameter from N(0, 0.01^2);
  Adam lr 0.01, batch 16, 20 epochs; the epoch with the best validation accuracy (then loss) is kept and scored on
  the test split.

How it simulates: every token of a minibatch is one 16-amplitude state vector, and each distinct token of the
minibatch is simulated once (as QSan does for the first layer). The encoder's first block (Hadamard, RX, RY on each
qubit) leaves a product state, so it is built per qubit and expanded to 16 amplitudes; the CNOT ring is a gather of
amplitudes; each later layer of one-qubit gates is applied qubit by qubit to the state viewed as
[tokens, 2^i, 2, 2^(n-1-i)], as a broadcast product and a sum (for 2 x 2 blocks this is faster in PyTorch than
batched matrix products, which it runs as a loop of tiny products). The ansatzes share their angles over all
tokens, so by default (--ansatz unitary) their three 16 x 16 unitaries are built from the same gates (Kronecker
products of the gate layers, the ring as a row gather), the value unitary is followed by the basis changes of the
measurement (identity for Z, (H S^dag)^n for Y, H^n for X, as QSan.Measurement.MeasureInBasis does), and one matrix
product ([tokens x 16] by [16 x 80], complex) takes every token's encoded state to its query, key and three rotated
value states. --ansatz gates instead applies the ansatz gates to the batch of token states, gate layer by
gate layer (the same numbers, slower). Expectations are the squared moduli against the Z signs. Attention runs on the
minibatch padded to its longest sentence, the padding masked out of the softmax and of the mean. Nothing loops in
Python over tokens or sentences; the loops run over the n qubits and the D layers.

Timing (like QSan's trainSeconds): after one warm-up step (forward, backward, no update), the clock runs over each
epoch's shuffle, minibatch steps and validation pass; start-up, the copy of the selected weights and the final
scoring are outside it.

Threads: --threads sets PyTorch's intra-op threads (default 2, the issue's setting); OpenBLAS, which PyTorch calls for
matrix products from its own thread, gets one thread unless OPENBLAS_NUM_THREADS says otherwise (see the comment at
the imports). With PyTorch's default of two OpenBLAS threads the two pools oversubscribe the two cores of the
benchmark machine and training takes two to three times as long, which would make this reference a strawman.

Usage (Debian 12: apt install python3-torch libopenblas0-pthread, PyTorch 1.13.1 on OpenBLAS):
    /usr/bin/python3 reference/pytorch_qsann.py [--data-dir ../shared/datasets] [--threads 2] [--seed 1]
        [--epochs 20] [--ansatz unitary|gates] [--json]
"""
import argparse
import hashlib
import json
import os
import time
import unicodedata

# OpenBLAS's own thread pool beside PyTorch's: on two cores, 2 PyTorch threads plus 2 OpenBLAS threads wait on each
# other, and 20 epochs take 7 to 10 s instead of about 3.4 s. PyTorch's threads do the work; OpenBLAS gets one.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import torch  # noqa: E402 (after the environment variable, which OpenBLAS reads when it loads)

torch.set_default_dtype(torch.float64)
CDTYPE = torch.complex128

# ---------------------------------------------------------------------------------------------------------------------
# Data, split and tokenised as QSan does (host/QSan/Data: SentenceFileReader, StratifiedSplitter, Tokenizer,
# Vocabulary; host/QSan/Training: RunData, TrainingRandom.ValidationSeed, EncodedSentences).


class DotNetRandom:
    """System.Random(int seed) of .NET (the seeded, Knuth subtractive generator .NET keeps stable)."""

    MBIG = 2147483647

    def __init__(self, seed):
        def i32(x):
            return (x + 2 ** 31) % 2 ** 32 - 2 ** 31

        sa = [0] * 56
        mj = i32(161803398 - (self.MBIG if seed == -2 ** 31 else abs(seed)))
        sa[55] = mj
        mk, ii = 1, 0
        for i in range(1, 55):
            ii += 21
            if ii >= 55:
                ii -= 55
            sa[ii] = mk
            mk = i32(mj - mk)
            if mk < 0:
                mk += self.MBIG
            mj = sa[ii]
        for _ in range(1, 5):
            for i in range(1, 56):
                n = i + 30
                if n >= 55:
                    n -= 55
                sa[i] = i32(sa[i] - sa[1 + n])
                if sa[i] < 0:
                    sa[i] += self.MBIG
        self.sa, self.inext, self.inextp = sa, 0, 21

    def next(self, max_value):
        self.inext = 1 if self.inext + 1 >= 56 else self.inext + 1
        self.inextp = 1 if self.inextp + 1 >= 56 else self.inextp + 1
        value = self.sa[self.inext] - self.sa[self.inextp]
        if value == self.MBIG:
            value -= 1
        if value < 0:
            value += self.MBIG
        self.sa[self.inext] = value
        return int(value * (1.0 / self.MBIG) * max_value)


def derive_seed(seed, stream):
    """TrainingRandom.DeriveSeed: SplitMix64 of seed * golden + stream * constant."""
    m = 2 ** 64 - 1
    x = ((seed % 2 ** 32) * 0x9E3779B97F4A7C15 + (stream % 2 ** 32) * 0xD1B54A32D192ED03) & m
    z = (x + 0x9E3779B97F4A7C15) & m
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & m
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & m
    return z ^ (z >> 31)


def to_int32(x):
    x &= 2 ** 32 - 1
    return x - 2 ** 32 if x >= 2 ** 31 else x


def read_tab_separated(path):
    """'sentence<TAB>label' lines (the UCI files): LF or CRLF, trailing blank lines allowed."""
    with open(path, encoding="utf-8-sig") as f:
        lines = f.read().split("\n")
    lines = [line[:-1] if line.endswith("\r") else line for line in lines]
    while lines and not lines[-1].strip():
        lines.pop()
    data = []
    for line in lines:
        tab = line.rindex("\t")
        data.append((line[:tab].strip(), int(line[tab + 1:].strip())))
    return data


def stratified_split(data, fraction, seed):
    """StratifiedSplitter.Split: per label (in order) a Fisher-Yates shuffle, the first round(n * fraction) held out."""
    random = DotNetRandom(seed)
    held = [False] * len(data)
    for label in sorted({label for _, label in data}):
        members = [i for i, (_, l) in enumerate(data) if l == label]
        for i in range(len(members) - 1, 0, -1):
            j = random.next(i + 1)
            members[i], members[j] = members[j], members[i]
        take = int(len(members) * fraction + 0.5)  # MidpointRounding.AwayFromZero for positive values
        for i in members[:take]:
            held[i] = True
    return [s for s, h in zip(data, held) if not h], [s for s, h in zip(data, held) if h]


def is_letter_or_digit(ch):
    category = unicodedata.category(ch)
    return category[0] == "L" or category == "Nd"


def tokenize(text):
    """Tokenizer(TokenizerMode.Words): lower-cased runs of letters and digits (marks join the word they follow),
    an apostrophe kept between a word and a letter or digit; everything else separates words."""
    tokens, current = [], []
    for i, ch in enumerate(text):
        if is_letter_or_digit(ch) or (current and unicodedata.category(ch) in ("Mn", "Mc", "Me")):
            current.append(ch.lower())
        elif ch in "'\u2019" and current and i + 1 < len(text) and is_letter_or_digit(text[i + 1]):
            current.append("'")
        elif current:
            tokens.append("".join(current))
            current = []
    if current:
        tokens.append("".join(current))
    return tokens


def yelp_splits(data_dir, seed):
    """QSan's splits of Yelp: a stratified 20 % test split drawn with the seed, then 20 % of the rest for validation."""
    data = read_tab_separated(os.path.join(data_dir, "yelp_labelled.txt"))
    rest, test = stratified_split(data, 0.2, seed)
    train, validation = stratified_split(rest, 0.2, to_int32(derive_seed(seed, 1)))
    return train, validation, test


def build_vocabulary(train):
    """Vocabulary.Build: <unk> at id 0, then the training split's tokens in order of first appearance."""
    words = {"<unk>": 0}
    for text, _ in train:
        for token in tokenize(text):
            words.setdefault(token, len(words))
    return words


def vocabulary_words(data_dir, seed):
    """The vocabulary as a list, index = id (what QSan's checkpoint stores)."""
    return list(build_vocabulary(yelp_splits(data_dir, seed)[0]))


def load_yelp(data_dir, seed):
    """QSan's splits of Yelp, the vocabulary size, the encoded sentences and QSan's fingerprint of the splits."""
    train, validation, test = yelp_splits(data_dir, seed)
    words = build_vocabulary(train)
    fingerprint = hashlib.sha256("".join(f"{part}|{label}|{text}\n" for part, split in (("train", train), ("validation", validation), ("test", test))
                                         for text, label in split).encode("utf-8")).hexdigest()[:16]

    def encode(split):
        ids = [[words.get(t, 0) for t in tokenize(text)] or [0] for text, _ in split]
        lengths = torch.tensor([len(s) for s in ids])
        padded = torch.zeros(len(ids), int(lengths.max()), dtype=torch.long)
        for i, s in enumerate(ids):
            padded[i, :len(s)] = torch.tensor(s)
        return padded, lengths, torch.tensor([float(label) for _, label in split])

    return encode(train), encode(validation), encode(test), len(words), fingerprint


# ---------------------------------------------------------------------------------------------------------------------
# The state-vector simulation. A state of n qubits is [..., 2^n] complex, qubit 0 the most significant bit of the index.


def rx(theta):
    """RX(theta) = exp(-i theta X / 2) for a tensor of angles: [..., 2, 2] complex."""
    c, s = torch.cos(theta / 2).to(CDTYPE), torch.sin(theta / 2).to(CDTYPE)
    return torch.stack([c, -1j * s, -1j * s, c], -1).unflatten(-1, (2, 2))


def ry(theta):
    """RY(theta) = exp(-i theta Y / 2): [..., 2, 2], real."""
    c, s = torch.cos(theta / 2), torch.sin(theta / 2)
    return torch.stack([c, -s, s, c], -1).unflatten(-1, (2, 2))


def kron(gates):
    """The matrix of one gate per qubit, gates [..., n, 2, 2] -> [..., 2^n, 2^n] (qubit 0 most significant)."""
    factors = gates.unbind(-3)
    matrix = factors[0]
    for g in factors[1:]:  # (m kron g)[(a, c), (b, d)] = m[a, b] g[c, d]
        matrix = (matrix.unsqueeze(-1).unsqueeze(-3) * g.unsqueeze(-2).unsqueeze(-4)).flatten(-4, -3).flatten(-2, -1)
    return matrix


def apply_each(state, gates, shared=False):
    """One 2 x 2 gate per qubit applied to states [..., 2^n], gates [..., n, 2, 2]: per state (leading dimensions
    equal), or with shared=True one set for the B states of [..., B, 2^n]. Each gate is a broadcast product and a sum
    over the state viewed as [..., 2^i, 2, 2^(n-1-i)] (for 2 x 2 blocks this beats batched matrix products)."""
    n = gates.shape[-3]
    shape = state.shape
    for i, g in enumerate(gates.unbind(-3)):
        view = state.reshape(*shape[:-1], 2 ** i, 1, 2, 2 ** (n - 1 - i))  # [..., l, 1, b, r]
        g = g.unsqueeze(-3).unsqueeze(-1)  # [..., 1, a, b, 1]
        if shared:
            g = g.unsqueeze(-5)
        state = (g * view).sum(-2).reshape(shape)
    return state


def matvec(matrices, vectors):
    """Batched 2 x 2 matrices [..., 2, 2] times vectors [..., 2], as a broadcast product and a sum."""
    return (matrices * vectors.unsqueeze(-2)).sum(-1)


def cnot_ring_permutation(n):
    """Gather index of the CNOT ring CNOT(i, i+1 mod n), i = 0..n-1 in that order: new[x] = old[index[x]].

    Each CNOT maps |x> to |c(x)> and is its own inverse, so after G_{n-1}...G_0 the amplitude of x is the old one of
    c_0(c_1(...c_{n-1}(x))).
    """
    def source(x):
        if n > 1:
            for control in reversed(range(n)):
                if x & (1 << (n - 1 - control)):
                    x ^= 1 << (n - 1 - (control + 1) % n)
        return x
    return torch.tensor([source(x) for x in range(2 ** n)])


class Simulator:
    """QSANN's circuits on n qubits with depth D, batched over tokens (quantum/src/*.qs; docs/model.md)."""

    def __init__(self, n, depth, mode="unitary"):
        self.n, self.depth, self.d, self.mode = n, depth, n * (depth + 2), mode
        self.ring = cnot_ring_permutation(n)
        self.plus = torch.full((2,), 2 ** -0.5, dtype=CDTYPE)
        h = torch.tensor([[1, 1], [1, -1]], dtype=CDTYPE) / 2 ** 0.5
        sdg = torch.tensor([[1, 0], [0, -1j]], dtype=CDTYPE)
        # Measurement basis changes (Measurement.RotateToComputationalBasis): Z nothing, Y S^dag then H, X H.
        self.bases = torch.stack([kron(torch.eye(2, dtype=CDTYPE).expand(n, 2, 2)), kron((h @ sdg).expand(n, 2, 2)), kron(h.expand(n, 2, 2))])
        # zsign[x, i] = +1 when qubit i of basis state x is 0.
        self.zsign = torch.tensor([[1.0 - 2.0 * ((x >> (n - 1 - i)) & 1) for i in range(n)] for x in range(2 ** n)])
        # Value entry j reads Pauli block (j // n) % 3 (Z, Y, X) on qubit j % n: rows 2, 3, 4 of the measured blocks.
        self.value_blocks = torch.tensor([2 + (j // n) % 3 for j in range(self.d)])
        self.value_qubits = torch.tensor([j % n for j in range(self.d)])

    def encode(self, angles):
        """U(y) H^n |0^n> for angles [B, d]. H, RX, RY on each qubit leave a product state, built per qubit; then per
        layer the CNOT ring (a gather) and RY on every qubit."""
        n = self.n
        first = matvec(ry(angles[:, n:2 * n]), matvec(rx(angles[:, :n]), self.plus))  # [B, n, 2]
        state = first[:, 0]
        for i in range(1, n):
            state = (state.unsqueeze(-1) * first[:, i].unsqueeze(1)).flatten(1)
        for layer in range(1, self.depth + 1):
            state = apply_each(state[:, self.ring], ry(angles[:, (layer + 1) * n:(layer + 2) * n]))
        return state

    def ansatz_layers(self, theta):
        """The gate layers of U(theta) for angles [G, d] (G ansatzes at once): [G, n, 2, 2] each, CNOT rings between."""
        n = self.n
        layers = [ry(theta[:, n:2 * n]).to(CDTYPE) @ rx(theta[:, :n])]  # RX then RY on each qubit: one 2 x 2 product
        for layer in range(1, self.depth + 1):
            layers.append(ry(theta[:, (layer + 1) * n:(layer + 2) * n]).to(CDTYPE))
        return layers

    def qkv(self, angles, weights):
        """q [B], k [B] and the values [B, d] of B tokens with encoder angles [B, d]; weights [3, d] = theta_q, theta_k, theta_v."""
        encoded = self.encode(angles)
        layers = self.ansatz_layers(weights)
        if self.mode == "unitary":
            # Each shared ansatz as a matrix: U = L_D P ... L_1 P L_0, the ring P a row gather; then the measurement bases.
            u = kron(layers[0])
            for layer in layers[1:]:
                u = kron(layer) @ u[:, self.ring]
            blocks = torch.cat([u[:2], self.bases @ u[2]])  # [5, 2^n, 2^n]: query, key, value in the Z, Y, X bases
            states = encoded @ blocks.flatten(0, 1).transpose(0, 1)  # [B, 5 * 2^n]
            probabilities = (states.real.square() + states.imag.square()).unflatten(1, (5, 2 ** self.n))
        else:
            # The gates applied to the token states: three copies, one per ansatz, each gate a batched 2 x 2 product.
            state = encoded.expand(3, *encoded.shape)
            state = apply_each(state, layers[0], shared=True)
            for layer in layers[1:]:
                state = apply_each(state[..., self.ring], layer, shared=True)
            rotated = state[2].unsqueeze(0) @ self.bases.transpose(1, 2)  # [3, B, 2^n]
            states = torch.cat([state[:2], rotated]).transpose(0, 1)  # [B, 5, 2^n]
            probabilities = states.real.square() + states.imag.square()
        z = probabilities @ self.zsign  # [B, 5, n]: <Z_i> of the query, key and the three value bases
        return z[:, 0, 0], z[:, 1, 0], z[:, self.value_blocks, self.value_qubits]


class Qsann(torch.nn.Module):
    def __init__(self, vocabulary, n=4, depth=1, init_std=0.01, mode="unitary"):
        super().__init__()
        self.sim = Simulator(n, depth, mode)
        d = self.sim.d
        self.embedding = torch.nn.Parameter(torch.randn(vocabulary, d) * init_std)
        self.weights = torch.nn.Parameter(torch.randn(3, d) * init_std)
        self.head_weight = torch.nn.Parameter(torch.randn(d) * init_std)
        self.head_bias = torch.nn.Parameter(torch.randn(1) * init_std)

    def forward(self, ids, lengths):
        """Logits of a padded batch: ids [S, L], lengths [S]."""
        mask = torch.arange(ids.shape[1]) < lengths.unsqueeze(1)  # [S, L]
        distinct, inverse = torch.unique(ids, return_inverse=True)  # each distinct token simulated once
        angles = self.embedding[distinct]
        q, k, v = self.sim.qkv(angles, self.weights)
        q, k, v, y = q[inverse], k[inverse], v[inverse], angles[inverse]  # [S, L], [S, L], [S, L, d], [S, L, d]
        logits = -(q.unsqueeze(2) - k.unsqueeze(1)) ** 2
        attention = torch.softmax(logits.masked_fill(~mask.unsqueeze(1), float("-inf")), dim=2)
        y = y + attention @ v
        pooled = (y * mask.unsqueeze(2)).sum(1) / lengths.unsqueeze(1)
        return pooled @ self.head_weight + self.head_bias


def score(model, split):
    ids, lengths, labels = split
    with torch.no_grad():
        logits = model(ids, lengths)
        loss = torch.mean((torch.sigmoid(logits) - labels) ** 2).item()
        correct = int(((logits >= 0) == (labels >= 0.5)).sum())
    return loss, correct / len(labels)


def train(args):
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    started = time.perf_counter()
    train_split, validation, test, vocabulary, fingerprint = load_yelp(args.data_dir, args.seed)
    model = Qsann(vocabulary, args.qubits, args.depth, mode=args.ansatz)
    optimizer = torch.optim.Adam(model.parameters(), lr=args.lr)
    ids, lengths, labels = train_split
    count = len(labels)

    def step(order):
        batch_lengths = lengths[order]
        logits = model(ids[order, :int(batch_lengths.max())], batch_lengths)
        loss = torch.mean((torch.sigmoid(logits) - labels[order]) ** 2)
        optimizer.zero_grad()
        loss.backward()
        return loss, logits

    # Warm-up outside the clock: one forward and backward pass without an update, and a no-grad pass.
    step(torch.arange(min(args.batch_size, count)))
    optimizer.zero_grad(set_to_none=True)
    score(model, validation)
    startup = time.perf_counter() - started

    train_seconds, best, history = 0.0, None, []
    for epoch in range(1, args.epochs + 1):
        clock = time.perf_counter()
        order = torch.randperm(count)
        loss_sum, correct = 0.0, 0
        for first in range(0, count, args.batch_size):
            batch = order[first:first + args.batch_size]
            loss, logits = step(batch)
            optimizer.step()
            loss_sum += loss.item() * len(batch)
            correct += int(((logits >= 0) == (labels[batch] >= 0.5)).sum())
        validation_loss, validation_accuracy = score(model, validation)
        train_seconds += time.perf_counter() - clock
        history.append({"epoch": epoch, "trainLoss": loss_sum / count, "trainAccuracy": correct / count,
                        "validationLoss": validation_loss, "validationAccuracy": validation_accuracy})
        if best is None or validation_accuracy > best[1] or (validation_accuracy == best[1] and validation_loss < best[2]):
            best = (epoch, validation_accuracy, validation_loss, {k: v.detach().clone() for k, v in model.state_dict().items()})

    model.load_state_dict(best[3])
    test_loss, test_accuracy = score(model, test)
    steps = args.epochs * ((count + args.batch_size - 1) // args.batch_size)
    return {
        "implementation": f"PyTorch {torch.__version__} state vector, float64 / complex128, ansatz {args.ansatz}",
        "threads": torch.get_num_threads(),
        "openblasThreads": os.environ.get("OPENBLAS_NUM_THREADS"),
        "trainSeconds": train_seconds,
        "stepsPerSecond": steps / train_seconds,
        "startupSeconds": startup,
        "epochs": args.epochs,
        "bestEpoch": best[0],
        "trainLoss": history[-1]["trainLoss"],
        "validationAccuracy": best[1],
        "testAccuracy": test_accuracy,
        "testLoss": test_loss,
        "trainSentences": count,
        "validationSentences": len(validation[2]),
        "testSentences": len(test[2]),
        "vocabularySize": vocabulary,
        "dataFingerprint": fingerprint,
        "history": history,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", default="../shared/datasets", help="folder with yelp_labelled.txt")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--seed", type=int, default=1, help="seeds QSan's splits (as QSan's --seed) and PyTorch's generator")
    parser.add_argument("--epochs", type=int, default=20)
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--lr", type=float, default=0.01)
    parser.add_argument("--qubits", type=int, default=4)
    parser.add_argument("--depth", type=int, default=1)
    parser.add_argument("--ansatz", choices=["unitary", "gates"], default="unitary",
                        help="unitary: build each shared ansatz as a 2^n x 2^n matrix, one product for all tokens (default); gates: apply its gates to the token states")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()
    result = train(args)
    if args.json:
        print(json.dumps(result))
        return
    print(result["implementation"] + f", {result['threads']} threads, OpenBLAS threads {result['openblasThreads']}")
    print(f"Yelp: {result['trainSentences']} / {result['validationSentences']} / {result['testSentences']} sentences, "
          f"vocabulary {result['vocabularySize']} (splits {result['dataFingerprint']})")
    for h in result["history"]:
        print(f"epoch {h['epoch']:2d}  train loss {h['trainLoss']:.4f}  acc {h['trainAccuracy']:.3f}  "
              f"validation loss {h['validationLoss']:.4f}  acc {h['validationAccuracy']:.3f}")
    print(f"train seconds {result['trainSeconds']:.3f} ({result['stepsPerSecond']:.0f} steps/s; start-up {result['startupSeconds']:.2f} s)")
    print(f"best epoch {result['bestEpoch']}, test accuracy {result['testAccuracy']:.3f}, test loss {result['testLoss']:.4f}, "
          f"final train loss {result['trainLoss']:.4f}")


if __name__ == "__main__":
    main()
