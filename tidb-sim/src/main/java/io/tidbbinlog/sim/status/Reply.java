package io.tidbbinlog.sim.status;

import java.nio.charset.StandardCharsets;

/** One HTTP answer: status code, content type and body. */
record Reply(int status, String contentType, byte[] body) {

    static final String JSON = "application/json";
    /** What Go's {@code http.ResponseWriter} sniffs for TiDB's plain-text error bodies. */
    static final String TEXT = "text/plain; charset=utf-8";

    static Reply json(byte[] body) {
        return new Reply(200, JSON, body);
    }

    /** TiDB's {@code handler.WriteError}: 400 with the error's text as the body. */
    static Reply badRequest(String message) {
        return new Reply(400, TEXT, message.getBytes(StandardCharsets.UTF_8));
    }

    /** Go's {@code http.NotFound}, which gorilla/mux answers for a path no route matches. */
    static Reply notFound() {
        return new Reply(404, TEXT, "404 page not found\n".getBytes(StandardCharsets.UTF_8));
    }
}
