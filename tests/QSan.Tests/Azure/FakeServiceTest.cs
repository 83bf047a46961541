using QSan.Azure.Service;

namespace QSan.Tests.Azure;

/// <summary>A test class with its own fake Azure Quantum service, started before each test and stopped after it.</summary>
public abstract class FakeServiceTest : IAsyncLifetime
{
    /// <summary>Polls every few milliseconds, for a minute at most.</summary>
    internal static readonly JobWaitOptions FastPolling = new(TimeSpan.FromMilliseconds(1), 1.5, TimeSpan.FromMilliseconds(5), TimeSpan.FromSeconds(60));

    internal FakeAzureQuantum Fake { get; private set; } = null!;

    public virtual async Task InitializeAsync() => Fake = await FakeAzureQuantum.StartAsync();

    public virtual async Task DisposeAsync() => await Fake.DisposeAsync();
}
