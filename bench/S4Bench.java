import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import com.s4bsv.s4.sigv4.Credentials;
import com.s4bsv.s4.sigv4.RequestSigner;
import com.s4bsv.s4.sigv4.SigV4;

/**
 * Helpers for bench/s4-io.sh, run as a single-file program ({@code java bench/S4Bench.java MODE ...}):
 * <ul>
 * <li>{@code serve DIR PORT} — the baseline: a trivial HTTP file server (GET a file, PUT writes one).</li>
 * <li>{@code load HOST PORT PATH_PREFIX get|put CONNECTIONS SECONDS [KEYS]} — keep-alive HTTP/1.1 requests of 4 KiB
 * over raw sockets, one thread per connection; prints operations per second. With S4_BENCH_ACCESS_KEY and
 * S4_BENCH_SECRET set every request is signed (SigV4, unsigned payload), as a client with keys does; with
 * S4_BENCH_PRESIGN too, each GET key is signed once before the count starts.</li>
 * </ul>
 */
public class S4Bench {

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "serve" -> serve(Path.of(args[1]), Integer.parseInt(args[2]));
            case "load" -> load(args[1], Integer.parseInt(args[2]), args[3], args[4], Integer.parseInt(args[5]),
                    Integer.parseInt(args[6]), args.length > 7 ? Integer.parseInt(args[7]) : 1000);
            default -> throw new IllegalArgumentException("unknown mode " + args[0]);
        }
    }

    static void serve(Path dir, int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1024);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            try (exchange) {
                handle(dir, exchange);
            }
        });
        server.start();
    }

    private static void handle(Path dir, HttpExchange exchange) throws IOException {
        Path file = dir.resolve(exchange.getRequestURI().getPath().substring(1).replace('/', '_'));
        if (exchange.getRequestMethod().equals("PUT")) {
            try (InputStream in = exchange.getRequestBody()) {
                Files.copy(in, file);
            }
            exchange.sendResponseHeaders(200, -1);
        } else if (Files.isRegularFile(file)) {
            exchange.sendResponseHeaders(200, Files.size(file));
            try (OutputStream out = exchange.getResponseBody()) {
                Files.copy(file, out);
            }
        } else {
            exchange.sendResponseHeaders(404, -1);
        }
    }

    static void load(String host, int port, String prefix, String op, int connections, int seconds, int keys)
            throws Exception {
        if (SIGNER != null && op.equals("get") && System.getenv("S4_BENCH_PRESIGN") != null) {
            for (int k = 0; k < keys; k++) {
                PRESIGNED.put(prefix + k, signature("GET", host, port, prefix + k));
            }
        }
        byte[] body = new byte[4096];
        AtomicLong done = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicBoolean counting = new AtomicBoolean();
        AtomicBoolean stop = new AtomicBoolean();
        String run = Long.toHexString(System.nanoTime());
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            int connection = c;
            threads.add(Thread.ofPlatform().start(() -> {
                try (Socket socket = new Socket(host, port)) {
                    socket.setTcpNoDelay(true);
                    OutputStream out = socket.getOutputStream();
                    InputStream in = new BufferedInputStream(socket.getInputStream(), 65536);
                    long n = 0;
                    while (!stop.get()) {
                        String path = op.equals("get") ? prefix + ((connection * 7919 + n) % keys)
                                : prefix + run + "-" + connection + "-" + n;
                        String head = (op.equals("get") ? "GET " : "PUT ") + path + " HTTP/1.1\r\nHost: " + host
                                + ":" + port + "\r\n" + (op.equals("put") ? "Content-Length: 4096\r\n" : "")
                                + (PRESIGNED.isEmpty() ? signature(op.equals("get") ? "GET" : "PUT", host, port, path)
                                        : PRESIGNED.get(path)) + "\r\n";
                        out.write(head.getBytes(StandardCharsets.ISO_8859_1));
                        if (op.equals("put")) {
                            out.write(body);
                        }
                        out.flush();
                        int status = readResponse(in);
                        if (counting.get()) {
                            if (status == 200) {
                                done.incrementAndGet();
                            } else {
                                failed.incrementAndGet();
                            }
                        }
                        n++;
                    }
                } catch (IOException e) {
                    failed.incrementAndGet();
                }
            }));
        }
        Thread.sleep(1500);
        counting.set(true);
        long start = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        counting.set(false);
        double elapsed = (System.nanoTime() - start) / 1e9;
        long ops = done.get();
        stop.set(true);
        for (Thread t : threads) {
            t.join(5000);
        }
        if (failed.get() > 0) {
            System.err.println("failed requests: " + failed.get());
        }
        System.out.printf("%.0f%n", ops / elapsed);
    }

    private static final RequestSigner SIGNER = System.getenv("S4_BENCH_ACCESS_KEY") == null ? null
            : new RequestSigner(new Credentials(System.getenv("S4_BENCH_ACCESS_KEY"),
                    System.getenv("S4_BENCH_SECRET")), "us-east-1");

    /**
     * With S4_BENCH_PRESIGN set, GETs are signed once per key before the count starts and replayed (SigV4 allows
     * that within the 15-minute skew, as S3 does): the figure is then the node's cost of verifying, without the
     * bench client's cost of signing, which on this machine takes the same two cores as the node.
     */
    private static final Map<String, String> PRESIGNED = new java.util.concurrent.ConcurrentHashMap<>();

    /** The SigV4 header lines of one request, or nothing when not signing. */
    private static String signature(String method, String host, int port, String path) {
        if (SIGNER == null) {
            return "";
        }
        var lines = new StringBuilder();
        Map<String, String> headers = SIGNER.sign(method, URI.create("http://" + host + ":" + port + path), Map.of(),
                SigV4.UNSIGNED_PAYLOAD, Instant.now());
        headers.forEach((name, value) -> lines.append(name).append(": ").append(value).append("\r\n"));
        return lines.toString();
    }

    /** Reads one response (Content-Length or chunked body); returns its status. */
    private static int readResponse(InputStream in) throws IOException {
        String status = line(in);
        long length = 0;
        boolean chunked = false;
        String header;
        while (!(header = line(in)).isEmpty()) {
            String lower = header.toLowerCase();
            if (lower.startsWith("content-length:")) {
                length = Long.parseLong(header.substring(15).strip());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            }
        }
        if (chunked) {
            long size;
            while ((size = Long.parseLong(line(in).split(";")[0].strip(), 16)) > 0) {
                in.skipNBytes(size + 2);
            }
            line(in);
        } else {
            in.skipNBytes(length);
        }
        return Integer.parseInt(status.substring(9, 12));
    }

    private static String line(InputStream in) throws IOException {
        var text = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            if (b != '\r') {
                text.append((char) b);
            }
        }
        if (b < 0 && text.isEmpty()) {
            throw new IOException("connection closed");
        }
        return text.toString();
    }
}
