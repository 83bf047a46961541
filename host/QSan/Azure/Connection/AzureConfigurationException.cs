namespace QSan.Azure.Connection;

/// <summary>The workspace settings are missing or malformed; the message says which setting and where it can be given.</summary>
public sealed class AzureConfigurationException : QSanException
{
    /// <summary>Creates the exception.</summary>
    public AzureConfigurationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public AzureConfigurationException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
