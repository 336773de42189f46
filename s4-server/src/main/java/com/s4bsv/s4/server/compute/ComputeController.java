package com.s4bsv.s4.server.compute;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.s4bsv.s4.key.InvalidKeyException;
import com.s4bsv.s4.key.S4Key;
import com.s4bsv.s4.server.cluster.Cluster;
import com.s4bsv.s4.server.cluster.KeyRouter;
import com.s4bsv.s4.server.cluster.PeerClient;
import com.s4bsv.s4.server.storage.ObjectStore;
import com.s4bsv.s4.wire.ComputeRequest;
import com.s4bsv.s4.wire.Wire;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** {@code POST /_s4/eval|map|map-to-n|map-from-n} (docs/compute-api.md): parse, hand to the feature, write. */
@RestController
class ComputeController {

    private static final int MAX_BODY_BYTES = 1 << 20;

    private final ObjectStore store;
    private final Cluster cluster;
    private final KeyRouter router;
    private final PeerClient peers;
    private final CommandRunner runner;
    private final Outputs outputs;
    private final Eval eval;
    private final JsonMapper json;
    private final ComputeProperties properties;

    ComputeController(
            ObjectStore store,
            Cluster cluster,
            KeyRouter router,
            PeerClient peers,
            CommandRunner runner,
            Outputs outputs,
            JsonMapper json,
            ComputeProperties properties) {
        this.store = store;
        this.cluster = cluster;
        this.router = router;
        this.peers = peers;
        this.runner = runner;
        this.outputs = outputs;
        this.eval = new Eval(store, runner);
        this.json = json;
        this.properties = properties;
    }

    /** The JSON body of eval. */
    record EvalBody(
            @JsonProperty(ComputeRequest.KEY) @Nullable String key,
            @JsonProperty(ComputeRequest.CMD) @Nullable String cmd) {}

    @PostMapping(Wire.EVAL_PATH)
    void eval(HttpServletRequest request, HttpServletResponse response) throws IOException, InterruptedException {
        byte[] raw = body(request);
        EvalBody body = parse(raw, EvalBody.class);
        if (body.key() == null || body.cmd() == null) {
            throw JobSpec.invalid(
                    "eval needs \"" + ComputeRequest.KEY + "\" and \"" + ComputeRequest.CMD + "\" in the JSON body",
                    null);
        }
        S4Key key;
        try {
            key = S4Key.parse(body.key());
        } catch (InvalidKeyException e) {
            throw JobSpec.invalid(e.getMessage(), body.key());
        }
        if (router.forwardIfRemote(key, request, raw, response)) {
            return;
        }
        eval.run(key, body.cmd(), (size, stdout) -> {
            response.setStatus(200);
            response.setContentType("application/octet-stream");
            response.setContentLengthLong(size);
            Eval.copy(stdout, response.getOutputStream());
        });
    }

    @PostMapping(Wire.MAP_PATH)
    void map(HttpServletRequest request, HttpServletResponse response) throws IOException {
        job(Mode.MAP, request, response);
    }

    @PostMapping(Wire.MAP_TO_N_PATH)
    void mapToN(HttpServletRequest request, HttpServletResponse response) throws IOException {
        job(Mode.MAP_TO_N, request, response);
    }

    @PostMapping(Wire.MAP_FROM_N_PATH)
    void mapFromN(HttpServletRequest request, HttpServletResponse response) throws IOException {
        job(Mode.MAP_FROM_N, request, response);
    }

    private void job(Mode mode, HttpServletRequest request, HttpServletResponse response) throws IOException {
        byte[] raw = body(request);
        JobSpec spec = JobSpec.parse(mode, parse(raw, JobSpec.Body.class));
        response.setStatus(200);
        response.setContentType(ComputeRequest.NDJSON);
        var events = new Events(json, response.getOutputStream());
        if (request.getHeader(Wire.LOCAL_ONLY) != null) {
            new LocalJob(spec, store, runner, outputs, cluster.self().toString()).run(events);
        } else {
            new FanOutJob(mode, raw, cluster.nodes(), peers, json, properties.peerSilence()).run(events);
        }
    }

    private static byte[] body(HttpServletRequest request) throws IOException {
        byte[] raw = request.getInputStream().readNBytes(MAX_BODY_BYTES + 1);
        if (raw.length > MAX_BODY_BYTES) {
            throw JobSpec.invalid("request body larger than " + MAX_BODY_BYTES + " bytes", null);
        }
        return raw;
    }

    private <T> T parse(byte[] raw, Class<T> type) {
        try {
            T value = json.readValue(raw, type);
            if (value == null) {
                throw JobSpec.invalid("the request body must be a JSON object", null);
            }
            return value;
        } catch (JacksonException e) {
            throw JobSpec.invalid("the request body is not the expected JSON object: " + e.getOriginalMessage(), null);
        }
    }
}
