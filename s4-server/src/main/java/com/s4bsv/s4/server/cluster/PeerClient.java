package com.s4bsv.s4.server.cluster;

import com.s4bsv.s4.config.NodeAddress;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Executors;

/** HTTP/1.1 to the other nodes; bodies are streamed both ways, never buffered whole. */
public final class PeerClient {

    /** Authenticates a request before it leaves for another node. */
    @FunctionalInterface
    public interface Signer {
        HttpRequest sign(HttpRequest request);
    }

    private final HttpClient http;
    private final Signer signer;

    PeerClient(Duration connectTimeout, Signer signer) {
        this.signer = signer;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .build();
    }

    public static URI uri(NodeAddress node, String rawPathAndQuery) {
        return URI.create("http://" + node + rawPathAndQuery);
    }

    /** Sends and returns once the status and headers are in; the caller must consume or close the body. */
    public HttpResponse<InputStream> send(NodeAddress node, HttpRequest request) {
        try {
            return http.send(signer.sign(request), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new PeerUnavailableException(node, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PeerUnavailableException(node, e);
        }
    }

    /** A request to {@code node} for the raw path and query, marked as coming from a node. */
    public HttpRequest.Builder request(NodeAddress node, String rawPathAndQuery) {
        return HttpRequest.newBuilder(uri(node, rawPathAndQuery));
    }
}
