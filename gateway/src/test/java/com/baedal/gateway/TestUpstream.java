package com.baedal.gateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A small real HTTP server standing in for one service (engine, read-model, workers): records every request it
 * receives and answers {@code {"upstream":"<name>"}}. Paths ending in {@code /stream} answer Server-Sent Events:
 * one event at once, the second only after {@link #releaseStream()}; {@code /slow} answers after 3 s; {@code /camunda}
 * redirects absolutely to the Host it was sent; the password "wrong" (Basic or login form) gets 401.
 */
public final class TestUpstream implements AutoCloseable {

    public record Recorded(String method, String rawPath, String rawQuery, Map<String, List<String>> headers,
                           byte[] body) {
        public String header(String name) {
            List<String> values = headers.get(name);
            return values == null ? null : String.join(",", values);
        }

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final String name;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "test-upstream");
        thread.setDaemon(true); // never keeps the test JVM alive
        return thread;
    });
    private final List<Recorded> requests = new CopyOnWriteArrayList<>();
    private volatile CountDownLatch streamRelease = new CountDownLatch(1);
    private volatile CountDownLatch streamFinished = new CountDownLatch(1);

    public TestUpstream(String name) {
        this.name = name;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public List<Recorded> requests() {
        return List.copyOf(requests);
    }

    public void reset() {
        requests.clear();
        streamRelease = new CountDownLatch(1);
        streamFinished = new CountDownLatch(1);
    }

    public void releaseStream() {
        streamRelease.countDown();
    }

    /** True once the upstream has written the end of its SSE response. */
    public boolean streamFinished() {
        return streamFinished.getCount() == 0;
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        exchange.getRequestHeaders().forEach((key, value) -> headers.put(key, List.copyOf(value)));
        String rawPath = exchange.getRequestURI().getRawPath();
        requests.add(new Recorded(exchange.getRequestMethod(), rawPath, exchange.getRequestURI().getRawQuery(),
                headers, body));
        try {
            if (rawPath.endsWith("/stream")) {
                stream(exchange);
            } else {
                if (rawPath.endsWith("/slow")) {
                    Thread.sleep(3000);
                }
                if (rawPath.startsWith("/camunda/")) {
                    exchange.getResponseHeaders().add("Set-Cookie", "JSESSIONID=abc123; Path=/camunda; HttpOnly");
                }
                if (rawPath.equals("/camunda")) {
                    // as Tomcat does: an absolute redirect built from the Host it was sent
                    exchange.getResponseHeaders().set("Location",
                            "http://" + exchange.getRequestHeaders().getFirst("Host") + "/camunda/app/?x=1");
                    exchange.sendResponseHeaders(302, -1);
                    return;
                }
                if (wrongCredentials(exchange, body)) {
                    exchange.sendResponseHeaders(401, -1);
                    return;
                }
                byte[] answer = ("{\"upstream\":\"" + name + "\"}").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, answer.length);
                exchange.getResponseBody().write(answer);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            exchange.close();
        }
    }

    /** Basic credentials or a login form with the password "wrong" are refused, as Camunda would. */
    private static boolean wrongCredentials(HttpExchange exchange, byte[] body) {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization != null && authorization.startsWith("Basic ")) {
            String decoded = new String(java.util.Base64.getDecoder().decode(authorization.substring(6)),
                    StandardCharsets.UTF_8);
            return decoded.endsWith(":wrong");
        }
        return exchange.getRequestURI().getRawPath().contains("/login/")
                && new String(body, StandardCharsets.UTF_8).contains("password=wrong");
    }

    private void stream(HttpExchange exchange) throws IOException, InterruptedException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(200, 0); // chunked
        OutputStream out = exchange.getResponseBody();
        out.write("event:status\ndata:{\"orderId\":\"o-1\",\"status\":\"PAID\"}\n\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
        streamRelease.await(20, TimeUnit.SECONDS);
        out.write("event:status\ndata:{\"orderId\":\"o-1\",\"status\":\"DELIVERED\"}\n\n"
                .getBytes(StandardCharsets.UTF_8));
        out.flush();
        streamFinished.countDown();
    }

    @Override
    public void close() {
        streamRelease.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
