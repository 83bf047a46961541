namespace QSan.Generative;

/// <summary>An error in a GAN's options, images or run folder that the user can fix.</summary>
public sealed class GanException(string message, Exception? innerException = null) : QSanException(message, innerException);
