package com.s4bsv.s4.shell.cli;

import com.s4bsv.s4.checksum.StreamingChecksum;
import com.s4bsv.s4.config.ClusterConfig;
import com.s4bsv.s4.shell.client.S4Client;
import com.s4bsv.s4.shell.command.Io;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

/**
 * The run that bin/s4 records into a class-data-sharing archive once ({@code -XX:ArchiveClassesAtExit}): ls, cp
 * in both directions, rm and eval against an in-process stand-in node, so the archive holds every class a one-shot
 * command loads, whichever command the user runs first.
 */
final class Training {

    private static final byte[] DATA = "training\n".getBytes(StandardCharsets.UTF_8);

    private Training() {}

    static int run() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/", Training::answer);
        server.start();
        Path dir = Files.createTempDirectory("s4-training");
        try {
            var config = ClusterConfig.parse("127.0.0.1:" + server.getAddress().getPort() + "\n", "training");
            var io = new Io(
                    new ByteArrayInputStream(DATA),
                    OutputStream.nullOutputStream(),
                    new PrintStream(OutputStream.nullOutputStream()),
                    false);
            var oneShot = new OneShot(io, line -> new S4Client(config));
            Path file = Files.write(dir.resolve("in.txt"), DATA);
            oneShot.run(new String[] {"ls", "s4://bucket/"});
            oneShot.run(new String[] {"ls", "-r", "s4://bucket/dir"});
            oneShot.run(new String[] {"ls"});
            oneShot.run(new String[] {"cp", "-", "s4://bucket/k1"});
            oneShot.run(new String[] {"cp", file.toString(), "s4://bucket/dir/"});
            oneShot.run(new String[] {"cp", "s4://bucket/k1", "-"});
            oneShot.run(
                    new String[] {"cp", "s4://bucket/k1", dir.resolve("out.txt").toString()});
            oneShot.run(new String[] {"rm", "s4://bucket/k1"});
            oneShot.run(new String[] {"eval", "s4://bucket/k1", "cat"});
            oneShot.run(new String[] {"cp", "-x", "a", "b"});
            oneShot.run(new String[] {"ls", "s4://bucket/missing/"});
            return 0;
        } finally {
            server.stop(0);
            try (var files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        exchange.getRequestBody().readAllBytes();
        byte[] body = new byte[0];
        int status = 200;
        if (method.equals("GET") && path.equals("/")) {
            body = ("<ListAllMyBucketsResult><Buckets><Bucket><Name>bucket</Name><CreationDate>2024-05-01T12:34:56.000Z"
                            + "</CreationDate></Bucket></Buckets></ListAllMyBucketsResult>")
                    .getBytes(StandardCharsets.UTF_8);
        } else if (method.equals("GET") && path.equals("/bucket")) {
            boolean missing = exchange.getRequestURI().getRawQuery().contains("missing");
            body = ("<ListBucketResult>"
                            + (missing
                                    ? ""
                                    : "<Contents><Key>dir/k1</Key><LastModified>"
                                            + "2024-05-01T12:34:56.000Z</LastModified><Size>9</Size></Contents><CommonPrefixes><Prefix>dir/"
                                            + "</Prefix></CommonPrefixes>")
                            + "<IsTruncated>false</IsTruncated></ListBucketResult>")
                    .getBytes(StandardCharsets.UTF_8);
        } else if (method.equals("GET")) {
            exchange.getResponseHeaders()
                    .add(
                            "x-amz-checksum-crc32c",
                            new StreamingChecksum().update(DATA, 0, DATA.length).base64());
            body = DATA;
        } else if (method.equals("DELETE")) {
            status = 204;
        } else if (method.equals("POST")) {
            status = 404;
            body = "<Error><Code>NoSuchKey</Code><Message>no</Message></Error>".getBytes(StandardCharsets.UTF_8);
        }
        exchange.sendResponseHeaders(status, status == 204 || method.equals("HEAD") ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            if (status != 204 && !method.equals("HEAD")) {
                out.write(body);
            }
        }
    }
}
