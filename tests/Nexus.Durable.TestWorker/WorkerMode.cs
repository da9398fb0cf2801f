namespace Nexus.Durable.TestWorker;

/// <summary>How the test worker's activities misbehave.</summary>
internal enum WorkerMode
{
    /// <summary>Every step runs to completion; <c>Crash</c> kills the process with SIGKILL.</summary>
    Normal,

    /// <summary>Step 3 blocks until <c>&lt;effects&gt;.release</c> exists (or 60 s), so a test can kill the process mid-activity.</summary>
    BlockStep3,

    /// <summary><c>Crash</c> ends the process with <see cref="Environment.FailFast(string)"/> instead of SIGKILL.</summary>
    CrashFailFast,
}
