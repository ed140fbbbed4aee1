import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.function.IntFunction;

/**
 * The measuring loop of bench/clients/c/bench.h, for the Java clients. Arguments:
 * {@code warm URL CA_FILE BUNDLE WARMUP_S CALLS THROUGHPUT_S} prints one JSON line;
 * {@code cold URL CA_FILE BUNDLE} logs in once and exits 0 only for the right token.
 */
final class BenchLoop {
    static final String USER = "demo";
    static final String PASSWORD = "demo-password";
    static final String TOKEN = "ZGVtbzowYjZmMmM5ZS00ZDFhLTRmN2UtOWMzYi01YThkN2U2ZjFhMjA=";
    static final String PATH = "/Integra/resources/auth/getUserToken";

    /** One login; true when the token was right. */
    interface Caller {
        boolean call() throws Exception;
    }

    private static volatile boolean told;

    private BenchLoop() {}

    static boolean checked(Caller caller) {
        try {
            return caller.call();
        } catch (Exception e) {
            // A failed call is a wrong answer; the measurement goes on.
            if (!told) {
                told = true;
                System.err.println("bench: " + e);
            }
            return false;
        }
    }

    /**
     * Runs the mode in {@code args}. {@code make} gives thread i its caller; thread 0's is
     * made once and kept for every phase.
     */
    static void run(String[] args, IntFunction<Caller> make) throws Exception {
        if (args[0].equals("cold")) {
            System.exit(checked(make.apply(0)) ? 0 : 3);
        }
        double warmupS = Double.parseDouble(args[4]);
        int calls = Integer.parseInt(args[5]);
        double seconds = Double.parseDouble(args[6]);

        Caller first = make.apply(0);
        long bad = 0;
        long total = 0;
        long until = System.nanoTime() + (long) (warmupS * 1e9);
        while (total < 200 || System.nanoTime() < until) {
            bad += checked(first) ? 0 : 1;
            total++;
        }
        long[] latencies = new long[calls];
        long cpu = processCpuNanos();
        for (int i = 0; i < calls; i++) {
            long began = System.nanoTime();
            boolean good = checked(first);
            latencies[i] = System.nanoTime() - began;
            bad += good ? 0 : 1;
            total++;
        }
        cpu = processCpuNanos() - cpu;
        long[] one = throughput(make, first, 1, seconds);
        long[] two = throughput(make, first, 2, seconds);
        bad += one[1] + two[1];
        total += one[0] + one[1] + two[0] + two[1];

        StringBuilder json = new StringBuilder(calls * 7 + 200).append("{\"lat_ns\":[");
        for (int i = 0; i < calls; i++) {
            json.append(i == 0 ? "" : ",").append(latencies[i]);
        }
        json.append("],\"lat_cpu_ns\":").append(cpu).append(",\"t1_calls\":").append(one[0]).append(",\"t1_ns\":").append(one[2])
                .append(",\"t2_calls\":").append(two[0]).append(",\"t2_ns\":").append(two[2])
                .append(",\"bad\":").append(bad).append(",\"total_calls\":").append(total)
                .append('}');
        System.out.println(json);
        System.out.flush();
        System.exit(0);
    }

    /** CPU time of the whole JVM, every thread (the JIT and the collector included). */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** Good calls, wrong answers and elapsed nanoseconds of {@code threads} callers. */
    private static long[] throughput(IntFunction<Caller> make, Caller first, int threads, double seconds)
            throws Exception {
        List<Caller> callers = new ArrayList<>();
        callers.add(first);
        for (int i = 1; i < threads; i++) {
            callers.add(make.apply(i));
        }
        CyclicBarrier start = new CyclicBarrier(threads + 1);
        long[][] counts = new long[threads][2];
        long[] deadline = new long[1];
        Thread[] workers = new Thread[threads];
        for (int i = 0; i < threads; i++) {
            final int index = i;
            workers[i] = new Thread(() -> {
                try {
                    start.await();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                Caller caller = callers.get(index);
                while (System.nanoTime() < deadline[0]) {
                    counts[index][checked(caller) ? 0 : 1]++;
                }
            });
            workers[i].start();
        }
        long began = System.nanoTime();
        deadline[0] = began + (long) (seconds * 1e9);
        start.await();
        for (Thread worker : workers) {
            worker.join();
        }
        long elapsed = System.nanoTime() - began;
        long ok = 0;
        long wrong = 0;
        for (long[] count : counts) {
            ok += count[0];
            wrong += count[1];
        }
        return new long[] {ok, wrong, elapsed};
    }
}
