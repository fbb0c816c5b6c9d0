import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load on a running `gen4j serve`, over loopback only: CLIENTS threads each send POST /score with a batch of ROWS
 * rows (the GMM benchmark's 16 columns, drawn once from a fixed seed) as fast as answers come, for SECONDS seconds,
 * bounded also by MAX requests in all. Prints one JSON line: requests per second, p50/p99/max latency, errors, and the
 * server's resident memory before, every 5 s and after (from /proc).
 * java benchmarks/serve/LoadTest.java PORT SERVER_PID [SECONDS] [CLIENTS] [ROWS] [MAX]
 */
public class LoadTest {
    public static void main(String[] a) throws Exception {
        int port = Integer.parseInt(a[0]);
        long pid = Long.parseLong(a[1]);
        int seconds = a.length > 2 ? Integer.parseInt(a[2]) : 60;
        int clients = a.length > 3 ? Integer.parseInt(a[3]) : 4;
        int rows = a.length > 4 ? Integer.parseInt(a[4]) : 100;
        long max = a.length > 5 ? Long.parseLong(a[5]) : 1_000_000;
        Random random = new Random(1);
        StringBuilder body = new StringBuilder("{\"rows\": [");
        for (int i = 0; i < rows; i++) {
            body.append(i == 0 ? "[" : ",[");
            for (int j = 0; j < 16; j++) {
                body.append(j == 0 ? "" : ",").append(random.nextGaussian() * 3);
            }
            body.append(']');
        }
        String payload = body.append("]}").toString();
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/score"))
                .POST(HttpRequest.BodyPublishers.ofString(payload)).build();
        for (int i = 0; i < 200; i++) {                                   // warm-up, not counted
            http.send(request, HttpResponse.BodyHandlers.ofString());
        }
        long rssBefore = rssKb(pid);
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        AtomicLong sent = new AtomicLong(), errors = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<List<Long>>> results = new ArrayList<>();
        long started = System.nanoTime();
        List<Long> rssSamples = Collections.synchronizedList(new ArrayList<>());
        Thread sampler = new Thread(() -> {                            // the server's memory every 5 s
            try {
                while (System.nanoTime() < end) {
                    rssSamples.add(rssKb(pid) / 1024);
                    Thread.sleep(5000);
                }
            } catch (Exception e) {
                // the run is over
            }
        });
        sampler.setDaemon(true);
        sampler.start();
        for (int c = 0; c < clients; c++) {
            results.add(pool.submit(() -> {
                List<Long> latencies = new ArrayList<>();
                while (System.nanoTime() < end && sent.incrementAndGet() <= max) {
                    long t = System.nanoTime();
                    HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
                    latencies.add(System.nanoTime() - t);
                    if (r.statusCode() != 200) {
                        errors.incrementAndGet();
                    }
                }
                return latencies;
            }));
        }
        List<Long> all = new ArrayList<>();
        for (Future<List<Long>> f : results) {
            all.addAll(f.get());
        }
        double elapsed = (System.nanoTime() - started) / 1e9;
        pool.shutdown();
        Collections.sort(all);
        long rssAfter = rssKb(pid);
        System.out.printf("{\"clients\": %d, \"rowsPerRequest\": %d, \"seconds\": %.1f, \"requests\": %d, \"errors\": %d,"
                        + " \"requestsPerSecond\": %.1f, \"p50ms\": %.2f, \"p99ms\": %.2f, \"maxMs\": %.2f, \"rssBeforeMb\": %.0f, \"rssAfterMb\": %.0f, \"rssEvery5sMb\": %s}%n",
                clients, rows, elapsed, all.size(), errors.get(), all.size() / elapsed, quantile(all, 0.5), quantile(all, 0.99),
                all.get(all.size() - 1) / 1e6, rssBefore / 1024.0, rssAfter / 1024.0, rssSamples);
    }

    static double quantile(List<Long> sorted, double q) {
        return sorted.get((int) Math.min(sorted.size() - 1, Math.floor(q * sorted.size()))) / 1e6;
    }

    static long rssKb(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }
}
