using System.Diagnostics;

namespace QSan.Parallelism;

/// <summary>
/// Splits jobs of tens of microseconds (an engine call for one minibatch, its attention, an Adam step) over the calling
/// thread and one helper thread. <see cref="Parallel.For(int, int, Action{int})"/> costs about as much as such a job
/// saves: its worker has to be woken each time. The helper instead keeps polling for half a millisecond after each job,
/// so in a training loop, where jobs follow each other closely, it is awake when the next one arrives, and sleeps
/// otherwise.
/// </summary>
/// <remarks>
/// Which thread runs a chunk depends on timing, so callers write each chunk's results to its own place and combine them
/// in chunk order: results never depend on the threads. One job at a time has the helper; a job that finds it taken (a
/// second thread calling meanwhile) runs all its chunks on its own thread.
/// </remarks>
internal static class ChunkTeam
{
    // How long the helper looks for the next job before it sleeps.
    private static readonly long PollTicks = Stopwatch.Frequency / 2000;

    // How long either thread spins on the other before it yields its core in between looks: the kernel may have put
    // both threads on one core (it wakes a thread where its waker runs), and then a spinning thread holds up the other
    // for a whole time slice.
    private static readonly long SpinTicks = Stopwatch.Frequency / 50_000;

    private static readonly Lazy<Thread> Helper = new(StartHelper);
    private static readonly SemaphoreSlim Wake = new(0);
    private static Job? posted;
    private static int taken;
    private static int sleeping;

    /// <summary>Whether jobs can be split: there is a second processor.</summary>
    public static bool HasHelper => Environment.ProcessorCount > 1;

    /// <summary>Runs <paramref name="chunk"/>(0 … <paramref name="chunks"/> − 1) on this thread and the helper; returns when all have run.</summary>
    /// <exception cref="AggregateException">A chunk threw; every other chunk still ran.</exception>
    public static void Run(int chunks, Action<int> chunk)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        var job = new Job(chunks, chunk);
        if (chunks > 1 && HasHelper && Interlocked.CompareExchange(ref taken, 1, 0) == 0)
        {
            try
            {
                _ = Helper.Value;
                // A full fence between posting and reading the flag, as between the helper's setting it and looking again.
                Interlocked.Exchange(ref posted, job);
                if (Volatile.Read(ref sleeping) == 1) Wake.Release();
                job.Work();
                // The helper's last chunk is microseconds away: spin (a yield is a system call), then yield in between looks.
                var since = Stopwatch.GetTimestamp();
                while (Volatile.Read(ref job.Finished) < chunks)
                {
                    if (Stopwatch.GetTimestamp() - since < SpinTicks) Thread.SpinWait(8);
                    else Thread.Yield();
                }
                Volatile.Write(ref posted, null);
            }
            finally
            {
                Volatile.Write(ref taken, 0);
            }
        }
        else
        {
            job.Work();
        }
        if (job.Errors is { } errors) throw new AggregateException(errors);
    }

    /// <summary>Runs <paramref name="range"/>(0, <paramref name="middle"/>) and <paramref name="range"/>(<paramref name="middle"/>, <paramref name="end"/>) as a job of two chunks.</summary>
    public static void RunHalves(int middle, int end, Action<int, int> range)
    {
        ArgumentNullException.ThrowIfNull(range);
        Run(2, half =>
        {
            if (half == 0) range(0, middle);
            else range(middle, end);
        });
    }

    private static Thread StartHelper()
    {
        var thread = new Thread(HelperLoop) { IsBackground = true, Name = "QSan chunk helper" };
        thread.Start();
        return thread;
    }

    private static void HelperLoop()
    {
        Job? last = null;
        var since = Stopwatch.GetTimestamp();
        while (true)
        {
            var job = Volatile.Read(ref posted);
            if (job is not null && job != last)
            {
                last = job;
                job.Work();
                since = Stopwatch.GetTimestamp();
                continue;
            }
            var idle = Stopwatch.GetTimestamp() - since;
            if (idle < PollTicks)
            {
                if (idle < SpinTicks) Thread.SpinWait(16);
                else Thread.Yield();
                continue;
            }
            // Sleep, unless a job arrived between the last look and announcing it (a caller that saw the flag releases).
            Interlocked.Exchange(ref sleeping, 1);
            job = Volatile.Read(ref posted);
            if (job is null || job == last) Wake.Wait();
            Volatile.Write(ref sleeping, 0);
            since = Stopwatch.GetTimestamp();
        }
    }

    /// <summary>One call's chunks, claimed one at a time by whichever thread is free.</summary>
    private sealed class Job(int chunks, Action<int> chunk)
    {
        public int Finished;
        public List<Exception>? Errors;
        private readonly object errorsGate = new();
        private int next;

        public void Work()
        {
            int k;
            while ((k = Interlocked.Increment(ref next) - 1) < chunks)
            {
                try
                {
                    chunk(k);
                }
                catch (Exception e)
                {
                    lock (errorsGate) (Errors ??= []).Add(e);
                }
                Interlocked.Increment(ref Finished);
            }
        }
    }
}
