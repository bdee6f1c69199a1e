package io.avatardrive.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.avatardrive.standin.ZegoStandIn;

/** The ZEGO stand-in as a process of its own, for the benchmark: it serves what it heard on a small control port. */
public final class StandInProcess {

    static final String READY = "STAND-IN READY";

    private StandInProcess() {
    }

    /** Arguments: AppId, ServerSecret, QPS, the sender's lead in ms. */
    public static void main(String[] args) throws Exception {
        ZegoStandIn standIn = new ZegoStandIn(args[0], args[1], Integer.parseInt(args[2]), 300)
                .scheduleLead(Long.parseLong(args[3])).start(0);
        ObjectMapper json = new ObjectMapper();
        HttpServer control = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        control.createContext("/drives", x -> answer(x, json.writeValueAsString(
                standIn.drives().stream().map(Heard::of).toList())));
        control.createContext("/lateness/clear", x -> {
            standIn.lateness().clear();
            answer(x, "{}");
        });
        control.createContext("/lateness", x -> {
            Map<String, String> query = new HashMap<>();
            for (String pair : x.getRequestURI().getQuery().split("&")) {
                query.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
            }
            answer(x, "{\"ms\":" + standIn.lateness().percentileMs(Double.parseDouble(query.get("q")),
                    Long.parseLong(query.get("from")), Long.parseLong(query.get("to"))) + "}");
        });
        control.start();
        System.out.println(READY + " " + standIn.apiUrl() + " http://127.0.0.1:" + control.getAddress().getPort());
        System.out.flush();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            control.stop(0);
            standIn.close();
        }));
        Thread.currentThread().join();
    }

    private static void answer(HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

}
