package com.s4bsv.s4.server.compute;

import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/** The ndjson lines of a map-family response (COMPUTE-WIRE.md), written and flushed one at a time. */
final class Events {

    static final String CONTENT_TYPE = "application/x-ndjson";
    static final String PROGRESS = "progress";
    static final String DONE = "done";
    static final String ERROR = "error";

    private final JsonMapper json;
    private final OutputStream out;

    Events(JsonMapper json, OutputStream out) {
        this.json = json;
        this.out = out;
    }

    static Map<String, Object> progress(String node, long keysDone, long keysTotal, long bytesIn, long bytesOut) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("type", PROGRESS);
        event.put("node", node);
        event.put("keysDone", keysDone);
        event.put("keysTotal", keysTotal);
        event.put("bytesIn", bytesIn);
        event.put("bytesOut", bytesOut);
        return event;
    }

    static Map<String, Object> done(String node, long keys, long outputs) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("type", DONE);
        event.put("node", node);
        event.put("keys", keys);
        event.put("outputs", outputs);
        return event;
    }

    /** @param exitCode the command's exit status; -1 for a timeout or a failure that is not the command's */
    static Map<String, Object> error(String node, String key, int exitCode, String stderr, String message,
            List<String> succeeded) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("type", ERROR);
        event.put("node", node);
        event.put("key", key);
        event.put("exitCode", exitCode);
        event.put("stderr", stderr);
        event.put("message", message.replace('\n', ' ').replace('\r', ' '));
        event.put("succeeded", succeeded);
        return event;
    }

    /** Writes one line and flushes; an IOException means the caller went away. */
    void write(Map<String, Object> event) throws IOException {
        byte[] line = json.writeValueAsBytes(event);
        out.write(line);
        out.write('\n');
        out.flush();
    }

    /** Relays a line received from another node unchanged. */
    void writeRaw(String line) throws IOException {
        out.write(line.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        out.write('\n');
        out.flush();
    }
}
