package com.s4bsv.s4.server;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The training run of the node's ahead-of-time cache (bin/lib/aot.sh, at package time): starts a one-node cluster
 * on a free port of 127.0.0.1 in a temporary folder, sends the requests a node answers first (readiness, bucket and
 * object put/get/head/list/delete, a missing key, in-process compute jobs, a metrics scrape), and exits. A real start then loads and links
 * those classes from the cache ({@code -XX:AOTCache}); the figures are in bench/README.md.
 */
public final class AotTraining {

    private AotTraining() {}

    public static void main(String[] args) throws IOException, InterruptedException {
        Path work = Files.createTempDirectory("s4-aot-training");
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Path conf = Files.writeString(work.resolve("s4.conf"), "127.0.0.1:" + port + "\n");
        // trained as a node starts (main), with the build-time bean definitions
        S4ServerApplication.useGeneratedBeanDefinitions();
        int status = S4ServerApplication.run(
                new String[] {
                    "--conf",
                    conf.toString(),
                    "--port",
                    Integer.toString(port),
                    "--data-dir",
                    work.resolve("s4_data").toString()
                },
                System.out,
                System.err);
        if (status != 0) {
            System.exit(status);
        }
        URI node = URI.create("http://127.0.0.1:" + port);
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
        PrintStream out = System.out;
        for (int round = 0; round < 20; round++) {
            String key = "/train/dir/key" + round;
            send(
                    http,
                    out,
                    HttpRequest.newBuilder(node.resolve("/_s4/actuator/health/readiness"))
                            .GET());
            send(http, out, HttpRequest.newBuilder(node.resolve("/train")).PUT(HttpRequest.BodyPublishers.noBody()));
            send(
                    http,
                    out,
                    HttpRequest.newBuilder(node.resolve(key))
                            .PUT(HttpRequest.BodyPublishers.ofString("hello " + round)));
            send(http, out, HttpRequest.newBuilder(node.resolve(key)).GET());
            send(
                    http,
                    out,
                    HttpRequest.newBuilder(node.resolve(key)).method("HEAD", HttpRequest.BodyPublishers.noBody()));
            send(
                    http,
                    out,
                    HttpRequest.newBuilder(node.resolve("/train?list-type=2&prefix=dir/"))
                            .GET());
            send(
                    http,
                    out,
                    HttpRequest.newBuilder(node.resolve("/train/missing")).GET());
            send(http, out, HttpRequest.newBuilder(node.resolve("/")).GET());
            send(http, out, HttpRequest.newBuilder(node.resolve(key)).DELETE());
        }
        compute(http, out, node);
        send(
                http,
                out,
                HttpRequest.newBuilder(node.resolve("/_s4/actuator/prometheus")).GET());
        send(
                http,
                out,
                HttpRequest.newBuilder(node.resolve("/_s4/actuator/health")).GET());
        // The JVM writes the cache at exit; Spring's shutdown hook stops the node first.
        System.exit(0);
    }

    /**
     * The compute calls with pipelines of bsv tools that run in-process (eval, map, map-to-n, map-from-n), so the
     * first job after a start finds the pipeline, the tools and the job machinery loaded, linked and profiled.
     */
    private static void compute(HttpClient http, PrintStream out, URI node) throws IOException, InterruptedException {
        for (int i = 0; i < 4; i++) {
            send(
                    http,
                    out,
                    HttpRequest.newBuilder(node.resolve("/train/compute/in/k" + i))
                            .PUT(HttpRequest.BodyPublishers.ofString(i + ",a,1\n" + (i + 10) + ",b,2\n")));
        }
        for (int round = 0; round < 10; round++) {
            String in = "s4://train/compute/in/";
            String runs = "s4://train/compute/" + round;
            post(http, out, node, "eval", "{\"key\":\"" + in + "k0\",\"cmd\":\"bsv | bcut 2,1 | csv\"}");
            post(http, out, node, "map", job(in, runs + "/bsv/", "bsv"));
            post(http, out, node, "map", job(runs + "/bsv/", runs + "/cut/", "bcut 1 | csv"));
            post(http, out, node, "map-to-n", job(runs + "/bsv/", runs + "/parts/", "bcut 2,1 | bpartition 2"));
            post(http, out, node, "map-from-n", job(runs + "/parts/", runs + "/sorted/", "xargs cat | bsort | csv"));
        }
    }

    private static String job(String indir, String outdir, String cmd) {
        return "{\"indir\":\"" + indir + "\",\"outdir\":\"" + outdir + "\",\"cmd\":\"" + cmd + "\"}";
    }

    private static void post(HttpClient http, PrintStream out, URI node, String call, String json)
            throws IOException, InterruptedException {
        send(
                http,
                out,
                HttpRequest.newBuilder(node.resolve("/_s4/" + call))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private static void send(HttpClient http, PrintStream out, HttpRequest.Builder request)
            throws IOException, InterruptedException {
        HttpResponse<Void> response =
                http.send(request.timeout(Duration.ofMinutes(2)).build(), HttpResponse.BodyHandlers.discarding());
        out.println("training: " + response.request().method() + " "
                + response.uri().getPath() + " " + response.statusCode());
    }
}
