package com.s4bsv.s4.shell.client;

import com.s4bsv.s4.config.NodeAddress;
import com.s4bsv.s4.key.S4Key;
import com.s4bsv.s4.wire.CommandError;
import com.s4bsv.s4.wire.ComputeRequest;
import com.s4bsv.s4.wire.Wire;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
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
        var head = new RequestHead("POST", Http.uri(node, Wire.EVAL_PATH, Map.of()))
                .header("Content-Type", ComputeRequest.JSON);
        Exchange exchange = Exchange.send(
                calls.http(),
                node,
                what,
                head,
                Json.object(fields).getBytes(StandardCharsets.UTF_8),
                Exchange.NO_LIMIT);
        if (exchange.status() != 200) {
            throw failure(node, what, exchange.status(), exchange.errorBody());
        }
        try (InputStream in = exchange.body()) {
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
