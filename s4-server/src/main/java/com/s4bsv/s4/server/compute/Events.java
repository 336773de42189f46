package com.s4bsv.s4.server.compute;

import com.s4bsv.s4.wire.JobEvent;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/** The ndjson lines of a map-family response (docs/compute-api.md), written and flushed one at a time. */
final class Events {

    private final JsonMapper json;
    private final OutputStream out;

    Events(JsonMapper json, OutputStream out) {
        this.json = json;
        this.out = out;
    }

    static Map<String, Object> progress(String node, long keysDone, long keysTotal, long bytesIn, long bytesOut) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put(JobEvent.TYPE, JobEvent.PROGRESS);
        event.put(JobEvent.NODE, node);
        event.put(JobEvent.KEYS_DONE, keysDone);
        event.put(JobEvent.KEYS_TOTAL, keysTotal);
        event.put(JobEvent.BYTES_IN, bytesIn);
        event.put(JobEvent.BYTES_OUT, bytesOut);
        return event;
    }

    /** @param keysInProcess input keys whose command ran in-process (a pipeline of bsv tools, no bash) */
    static Map<String, Object> done(String node, long keys, long outputs, long keysInProcess) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put(JobEvent.TYPE, JobEvent.DONE);
        event.put(JobEvent.NODE, node);
        event.put(JobEvent.KEYS, keys);
        event.put(JobEvent.OUTPUTS, outputs);
        event.put(JobEvent.KEYS_IN_PROCESS, keysInProcess);
        return event;
    }

    /** @param exitCode the command's exit status; -1 for a timeout or a failure that is not the command's */
    static Map<String, Object> error(
            String node, String key, int exitCode, String stderr, String message, List<String> succeeded) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put(JobEvent.TYPE, JobEvent.ERROR);
        event.put(JobEvent.NODE, node);
        event.put(JobEvent.KEY, key);
        event.put(JobEvent.EXIT_CODE, exitCode);
        event.put(JobEvent.STDERR, stderr);
        event.put(JobEvent.MESSAGE, message.replace('\n', ' ').replace('\r', ' '));
        event.put(JobEvent.SUCCEEDED, succeeded);
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
        out.write(line.getBytes(StandardCharsets.UTF_8));
        out.write('\n');
        out.flush();
    }
}
