// ucontact's C# binding under Mono: one UContactClient trusting CA_FILE on top of the
// system's roots, shared by the threads. The measuring loop is that of
// bench/clients/c/bench.h. Arguments:
//   UContactBench.exe warm URL CA_FILE BUNDLE WARMUP_S CALLS THROUGHPUT_S
//   UContactBench.exe cold URL CA_FILE BUNDLE
using System;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Threading;
using UContactSdk;

internal static class UContactBench
{
    private const string User = "demo";
    private const string Password = "demo-password";
    private const string Token = "ZGVtbzowYjZmMmM5ZS00ZDFhLTRmN2UtOWMzYi01YThkN2U2ZjFhMjA=";

    private static UContactClient client;
    private static int told;

    private static bool Call()
    {
        try
        {
            return client.GetUserToken(User, Password) == Token;
        }
        catch (Exception e)
        {
            // A failed call is a wrong answer; the measurement goes on.
            if (Interlocked.Exchange(ref told, 1) == 0)
            {
                Console.Error.WriteLine("bench: " + e.Message);
            }
            return false;
        }
    }

    private static long Nanoseconds(long ticks)
    {
        return (long)(ticks * (1e9 / Stopwatch.Frequency));
    }

    // Good calls, wrong answers and elapsed nanoseconds of `threads` threads.
    private static long[] Throughput(int threads, double seconds)
    {
        var counts = new long[threads, 2];
        var start = new Barrier(threads + 1);
        long deadline = 0;
        var workers = new Thread[threads];
        for (int i = 0; i < threads; i++)
        {
            int index = i;
            workers[i] = new Thread(() =>
            {
                start.SignalAndWait();
                while (Stopwatch.GetTimestamp() < Interlocked.Read(ref deadline))
                {
                    counts[index, Call() ? 0 : 1]++;
                }
            });
            workers[i].Start();
        }
        long began = Stopwatch.GetTimestamp();
        Interlocked.Exchange(ref deadline, began + (long)(seconds * Stopwatch.Frequency));
        start.SignalAndWait();
        foreach (var worker in workers)
        {
            worker.Join();
        }
        long elapsed = Nanoseconds(Stopwatch.GetTimestamp() - began);
        long ok = 0, bad = 0;
        for (int i = 0; i < threads; i++)
        {
            ok += counts[i, 0];
            bad += counts[i, 1];
        }
        return new[] { ok, bad, elapsed };
    }

    private static int Main(string[] args)
    {
        client = new UContactClient(args[1]);
        client.SetCaFile(args[2]);
        if (args[0] == "cold")
        {
            return Call() ? 0 : 3;
        }

        var culture = CultureInfo.InvariantCulture;
        double warmupS = double.Parse(args[4], culture);
        int calls = int.Parse(args[5], culture);
        double seconds = double.Parse(args[6], culture);
        long bad = 0, total = 0;
        long until = Stopwatch.GetTimestamp() + (long)(warmupS * Stopwatch.Frequency);
        while (total < 200 || Stopwatch.GetTimestamp() < until)
        {
            bad += Call() ? 0 : 1;
            total++;
        }
        var latencies = new long[calls];
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        for (int i = 0; i < calls; i++)
        {
            long began = Stopwatch.GetTimestamp();
            bool good = Call();
            latencies[i] = Nanoseconds(Stopwatch.GetTimestamp() - began);
            bad += good ? 0 : 1;
            total++;
        }
        process.Refresh();
        long cpuNs = (long)((process.TotalProcessorTime - cpu).TotalMilliseconds * 1e6);
        long[] one = Throughput(1, seconds);
        long[] two = Throughput(2, seconds);
        bad += one[1] + two[1];
        total += one[0] + one[1] + two[0] + two[1];

        var json = new StringBuilder("{\"lat_ns\":[");
        for (int i = 0; i < calls; i++)
        {
            json.Append(i == 0 ? "" : ",").Append(latencies[i].ToString(culture));
        }
        json.Append("],\"lat_cpu_ns\":").Append(cpuNs).Append(",\"t1_calls\":").Append(one[0]).Append(",\"t1_ns\":").Append(one[2])
            .Append(",\"t2_calls\":").Append(two[0]).Append(",\"t2_ns\":").Append(two[2])
            .Append(",\"bad\":").Append(bad).Append(",\"total_calls\":").Append(total).Append('}');
        Console.WriteLine(json.ToString());
        client.Dispose();
        return 0;
    }
}
