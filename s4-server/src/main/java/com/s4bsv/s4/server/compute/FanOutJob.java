package com.s4bsv.s4.server.compute;

import com.s4bsv.s4.config.NodeAddress;
import com.s4bsv.s4.server.cluster.PeerClient;
import com.s4bsv.s4.server.cluster.PeerFailedException;
import com.s4bsv.s4.wire.ComputeRequest;
import com.s4bsv.s4.wire.JobEvent;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A map-family job received without {@code x-s4-local}: sends it to every node (this one included) with the header,
 * relays their progress lines as they come and ends with one line: a {@code done} with the summed counts and node
 * {@code *}, or the first error. The first error, a node whose stream ends without a final line, or a node silent
 * for {@code peer-silence} ends the job at once: the other streams are closed, which cancels their work.
 */
final class FanOutJob {

    private final Mode mode;
    private final byte[] body;
    private final List<NodeAddress> nodes;
    private final PeerClient peers;
    private final JsonMapper json;
    private final Duration silence;

    FanOutJob(Mode mode, byte[] body, List<NodeAddress> nodes, PeerClient peers, JsonMapper json, Duration silence) {
        this.mode = mode;
        this.body = body;
        this.nodes = nodes;
        this.peers = peers;
        this.json = json;
        this.silence = silence;
    }

    /** One thing heard from a node: a line, or the end of its stream (with the reason when it broke). */
    private record Heard(
            NodeAddress node,
            @Nullable String line,
            @Nullable String endReason) {}

    void run(Events events) throws IOException {
        BlockingQueue<Heard> heard = new LinkedBlockingQueue<>();
        ConcurrentLinkedQueue<InputStream> open = new ConcurrentLinkedQueue<>();
        Map<NodeAddress, Long> lastHeard = new HashMap<>();
        long now = System.nanoTime();
        nodes.forEach(n -> lastHeard.put(n, now));
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        try {
            for (NodeAddress node : nodes) {
                executor.execute(() -> listen(node, heard, open));
            }
            relay(events, heard, lastHeard);
        } finally {
            for (InputStream in : open) {
                try {
                    in.close();
                } catch (IOException ignored) {
                    // closing is all we want
                }
            }
            executor.shutdownNow();
        }
    }

    private void relay(Events events, BlockingQueue<Heard> heard, Map<NodeAddress, Long> lastHeard) throws IOException {
        long keys = 0;
        long outputs = 0;
        long inProcess = 0;
        List<NodeAddress> pending = new ArrayList<>(nodes);
        while (!pending.isEmpty()) {
            Heard h;
            try {
                h = heard.poll(LocalJob.PROGRESS_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            long now = System.nanoTime();
            if (h == null) {
                for (NodeAddress node : pending) {
                    if (now - lastHeard.get(node) > silence.toNanos()) {
                        events.write(stopped(node, "sent nothing for " + silence));
                        return;
                    }
                }
                continue;
            }
            if (!pending.contains(h.node())) {
                continue;
            }
            lastHeard.put(h.node(), now);
            if (h.line() == null) {
                events.write(stopped(h.node(), h.endReason()));
                return;
            }
            JsonNode event;
            try {
                event = json.readTree(h.line());
            } catch (RuntimeException e) {
                events.write(stopped(h.node(), "sent a malformed line"));
                return;
            }
            switch (event.path(JobEvent.TYPE).asString("")) {
                case JobEvent.DONE -> {
                    keys += event.path(JobEvent.KEYS).asLong(0);
                    outputs += event.path(JobEvent.OUTPUTS).asLong(0);
                    inProcess += event.path(JobEvent.KEYS_IN_PROCESS).asLong(0);
                    pending.remove(h.node());
                }
                case JobEvent.ERROR -> {
                    events.writeRaw(h.line());
                    return;
                }
                default -> events.writeRaw(h.line());
            }
        }
        events.write(Events.done(JobEvent.ALL_NODES, keys, outputs, inProcess));
    }

    private static Map<String, Object> stopped(NodeAddress node, @Nullable String reason) {
        String message = "node " + node + " stopped answering" + (reason == null ? "" : " (" + reason + ")");
        return Events.error(node.toString(), "", -1, "", message, List.of());
    }

    private void listen(NodeAddress node, BlockingQueue<Heard> heard, ConcurrentLinkedQueue<InputStream> open) {
        String reason = null;
        try {
            InputStream in;
            try {
                in = peers.startJob(node, mode.path(), body, ComputeRequest.JSON, ComputeRequest.NDJSON);
            } catch (PeerFailedException e) {
                heard.add(new Heard(
                        node,
                        new String(
                                json.writeValueAsBytes(
                                        Events.error(node.toString(), "", -1, "", e.getMessage(), List.of())),
                                StandardCharsets.UTF_8),
                        null));
                return;
            }
            open.add(in);
            try (var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    if (!line.isBlank()) {
                        heard.add(new Heard(node, line, null));
                    }
                }
            }
            reason = "its stream ended without a final line";
        } catch (IOException | RuntimeException e) {
            reason = e.getMessage();
        }
        heard.add(new Heard(node, null, reason));
    }
}
