package com.s4bsv.s4.shell.client;

import com.s4bsv.s4.config.NodeAddress;
import com.s4bsv.s4.key.S4Key;
import com.s4bsv.s4.wire.CommandError;
import com.s4bsv.s4.wire.ComputeRequest;
import com.s4bsv.s4.wire.Wire;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code s4 eval} on the node that owns the key. */
final class Evals {

    private final NodeCalls calls;

    Evals(NodeCalls calls) {
        this.calls = calls;
    }

    void eval(S4Key key, String cmd, OutputStream out) {
        NodeAddress node = calls.owner(key);
        String what = key.toString();
        var fields = new LinkedHashMap<String, String>();
        fields.put(ComputeRequest.KEY, what);
        fields.put(ComputeRequest.CMD, cmd);
        HttpRequest request = HttpRequest.newBuilder(Http.uri(node, Wire.EVAL_PATH, Map.of()))
                .header("Content-Type", ComputeRequest.JSON)
                .POST(HttpRequest.BodyPublishers.ofString(Json.object(fields)))
                .build();
        HttpResponse<InputStream> response =
                calls.http().send(node, what, request, HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            throw failure(node, what, response.statusCode(), Http.errorBody(response));
        }
        try (InputStream in = response.body()) {
            in.transferTo(out);
        } catch (IOException e) {
            throw new S4ClientException(
                    "eval of " + what + " on node " + node + " broke off: " + Causes.describe(e), e);
        }
    }

    private static S4ClientException failure(NodeAddress node, String what, int status, String body) {
        String code = S3Xml.first(body, CommandError.CODE);
        if (CommandError.COMMAND_FAILED.equals(code) || CommandError.COMMAND_TIMED_OUT.equals(code)) {
            String exit = S3Xml.first(body, CommandError.EXIT_CODE);
            String message = S3Xml.first(body, CommandError.MESSAGE);
            String stderr = S3Xml.first(body, CommandError.STDERR);
            String key = S3Xml.first(body, CommandError.KEY);
            return new S4ClientException.CommandFailed(
                    Jobs.failureLine(
                            node.toString(),
                            key == null ? what : key,
                            exit == null ? -1 : parseInt(exit),
                            message == null ? code : message),
                    exit == null ? -1 : parseInt(exit),
                    stderr == null ? "" : stderr);
        }
        return Http.failure(node, what, status, body);
    }

    private static int parseInt(String s) {
        try {
            return Integer.parseInt(s.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
