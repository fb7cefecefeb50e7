package io.tidbbinlog.sim.cluster;

import io.tidbbinlog.schema.DdlHistory;
import io.tidbbinlog.schema.Job;
import io.tidbbinlog.schema.TableInfo;
import io.tidbbinlog.schema.TidbJson;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/** Reads the schema the way a drainer-side consumer would: over TiDB's HTTP status API, nothing in-process. */
final class StatusApiClient {
    private static final int PAGE = 16;
    private final HttpClient http = HttpClient.newHttpClient();
    private final String baseUrl;

    StatusApiClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** Every DDL job, paging backwards through {@code /ddl/history} in small pages so paging is exercised. */
    List<Job> allJobs() throws IOException, InterruptedException {
        List<Job> jobs = new ArrayList<>();
        long start = 0;
        while (true) {
            List<Job> page = DdlHistory.parsePage(get(DdlHistory.pageQuery(start, PAGE)));
            jobs.addAll(page);
            OptionalLong next = DdlHistory.nextStartJobId(page, PAGE, 0);
            if (next.isEmpty()) {
                return jobs;
            }
            start = next.getAsLong();
        }
    }

    TableInfo tableById(long id) throws IOException, InterruptedException {
        return TidbJson.parseTable(get("/schema?table_id=" + id));
    }

    byte[] get(String pathAndQuery) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) {
            throw new IOException("GET " + pathAndQuery + " answered " + r.statusCode() + ": " + new String(r.body()));
        }
        return r.body();
    }
}
