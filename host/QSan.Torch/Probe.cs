namespace QSan.Torch;
internal static class Probe { }
