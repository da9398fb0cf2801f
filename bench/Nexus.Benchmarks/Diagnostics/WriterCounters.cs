using System.Reflection;
using Nexus.Durable.Storage;

namespace Nexus.Benchmarks.Diagnostics;

/// <summary>The SQLite writer's internal counters (transactions, requests), read by reflection: group-commit sizes.</summary>
internal static class WriterCounters
{
    public static (long Transactions, long Requests)? Read(IDurableStore store)
    {
        var type = store.GetType();
        var transactions = type.GetProperty("CommittedTransactions", BindingFlags.Instance | BindingFlags.NonPublic);
        var requests = type.GetProperty("WriteRequests", BindingFlags.Instance | BindingFlags.NonPublic);
        if (transactions?.GetValue(store) is long t && requests?.GetValue(store) is long r)
        {
            return (t, r);
        }

        return null;
    }
}
