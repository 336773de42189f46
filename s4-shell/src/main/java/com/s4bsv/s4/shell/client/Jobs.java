package com.s4bsv.s4.shell.client;

import com.s4bsv.s4.config.ClusterConfig;
import com.s4bsv.s4.config.NodeAddress;
import com.s4bsv.s4.wire.ComputeRequest;
import com.s4bsv.s4.wire.JobEvent;
import com.s4bsv.s4.wire.Wire;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;

/**
 * A map-family job over the whole cluster, per docs/compute-api.md: every node gets the request with
 * {@code x-s4-local} and answers an ndjson stream of progress lines ending in one done or error line.
 */
final class Jobs {

    private final Http http;
    private final ClusterConfig config;
    private final List<InputStream> open = new CopyOnWriteArrayList<>();

    Jobs(Http http, ClusterConfig config) {
        this.http = http;
        this.config = config;
    }

    void run(JobKind kind, String indir, String outdir, String cmd, JobListener listener) {
        var fields = new LinkedHashMap<String, String>();
        fields.put(ComputeRequest.INDIR, indir);
        fields.put(ComputeRequest.OUTDIR, outdir);
        fields.put(ComputeRequest.CMD, cmd);
        String body = Json.object(fields);
        List<Runnable> calls = new ArrayList<>();
        for (NodeAddress node : config.nodes()) {
            calls.add(() -> runOn(node, kind, body, listener));
        }
        // a failed node cancels the others: closing their streams ends their reads at once
        Parallel.runAll(calls, config.size(), this::closeAll);
    }

    private void closeAll() {
        for (InputStream in : open) {
            try {
                in.close();
            } catch (IOException ignored) {
                // already broken
            }
        }
    }

    private void runOn(NodeAddress node, JobKind kind, String body, JobListener listener) {
        String what = kind.verb();
        var head = new RequestHead("POST", Http.uri(node, kind.path(), Map.of()))
                .header("Content-Type", ComputeRequest.JSON)
                .header("Accept", ComputeRequest.NDJSON)
                .header(Wire.LOCAL_ONLY, "1");
        Exchange exchange =
                Exchange.send(http, node, what, head, body.getBytes(StandardCharsets.UTF_8), Exchange.NO_LIMIT);
        if (exchange.status() != 200) {
            throw Http.failure(node, what, exchange.status(), exchange.errorBody());
        }
        InputStream in = exchange.body();
        open.add(in);
        try (var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                if (handle(node, line, listener)) {
                    return;
                }
            }
        } catch (IOException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw new S4ClientException("cancelled");
            }
            throw new S4ClientException.NodeStopped(node.toString(), Causes.describe(e));
        }
        throw new S4ClientException.NodeStopped(node.toString());
    }

    /** Handles one ndjson line; true when it was the final done line. */
    private static boolean handle(NodeAddress node, String line, JobListener listener) {
        Map<String, @Nullable Object> event;
        try {
            event = Json.parseObject(line);
        } catch (IllegalArgumentException e) {
            throw new S4ClientException("node " + node + " sent a malformed progress line: " + Http.oneLine(line));
        }
        String name = text(event, JobEvent.NODE, node.toString());
        switch (text(event, JobEvent.TYPE, "")) {
            case JobEvent.PROGRESS ->
                listener.progress(
                        name,
                        number(event, JobEvent.KEYS_DONE),
                        number(event, JobEvent.KEYS_TOTAL),
                        number(event, JobEvent.BYTES_IN),
                        number(event, JobEvent.BYTES_OUT));
            case JobEvent.DONE -> {
                listener.nodeDone(name, number(event, JobEvent.KEYS), number(event, JobEvent.OUTPUTS));
                return true;
            }
            case JobEvent.ERROR -> {
                int exit = (int) number(event, JobEvent.EXIT_CODE);
                throw new S4ClientException.CommandFailed(
                        failureLine(
                                name,
                                text(event, JobEvent.KEY, ""),
                                exit,
                                text(event, JobEvent.MESSAGE, "command failed")),
                        exit,
                        text(event, JobEvent.STDERR, ""));
            }
            default -> {
                // unknown event types are for newer clients
            }
        }
        return false;
    }

    static String failureLine(String node, String key, int exitCode, String message) {
        // the server's message ("command failed on KEY with exit code N") repeats what this line already says
        String text = Http.oneLine(message);
        if (!key.isEmpty()) {
            text = text.replace(" on " + key, "");
        }
        if (exitCode >= 0) {
            text = text.replace(" with exit code " + exitCode, "");
        }
        var out = new StringBuilder();
        out.append(key.isEmpty() ? "command failed" : key).append(": ").append(text);
        if (exitCode >= 0) {
            out.append(" (exit code ").append(exitCode).append(')');
        }
        return out.append(" on node ").append(node).toString();
    }

    private static String text(Map<String, @Nullable Object> event, String name, String fallback) {
        Object v = event.get(name);
        return v == null ? fallback : v.toString();
    }

    private static long number(Map<String, @Nullable Object> event, String name) {
        return event.get(name) instanceof Number n ? n.longValue() : 0;
    }
}
