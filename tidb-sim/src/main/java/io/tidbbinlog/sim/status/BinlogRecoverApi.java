package io.tidbbinlog.sim.status;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.tidbbinlog.sim.pumpclient.SkippingOnErrorWriter;

import java.time.Duration;

/**
 * TiDB's {@code GET /binlog/recover} (pingcap/tidb {@code tikv_handler.go} BinlogRecover, binloginfo
 * {@code WaitBinlogRecover} / {@code GetBinlogStatus}) over the ignore-error switch:
 * <ul>
 *   <li>{@code op=status}: answers the state only;</li>
 *   <li>{@code op=reset}: sets the skipped-committer counter to 0;</li>
 *   <li>{@code op=nowait}: turns binlog writing back on and answers at once;</li>
 *   <li>any other op (or none): turns writing back on, then waits until no transaction that skipped its binlog is
 *       still committing, checking every 500 ms for up to {@code seconds} (a non-positive or unparsable value
 *       means 1800); when that runs out, 400 with the body {@code timeout} (writing stays on).</li>
 * </ul>
 * Every success answers {@code {"Skipped": bool, "SkippedCommitterCounter": n}} (the Go struct has no JSON tags)
 * as TiDB's {@code WriteData} writes it. A TiDB without ignore-error never skips: its answer is always
 * {@code Skipped: false, SkippedCommitterCounter: 0}.
 */
final class BinlogRecoverApi {

    static final long DEFAULT_WAIT_SECONDS = 1800;
    static final Duration CHECK_INTERVAL = Duration.ofMillis(500);

    private final SkippingOnErrorWriter binlog;

    /** {@code binlog}: the ignore-error switch, null when the TiDB runs without ignore-error. */
    BinlogRecoverApi(SkippingOnErrorWriter binlog) {
        this.binlog = binlog;
    }

    Reply recover(QueryParams query) {
        String op = query.value("op");
        switch (op) {
            case "reset" -> {
                if (binlog != null) {
                    binlog.resetSkippedCommitters();
                }
            }
            case "nowait" -> resume();
            case "status" -> {
                // the state only
            }
            default -> {
                long seconds = parseSeconds(query.value("seconds"));
                resume();
                awaitNoSkippedCommitters(Duration.ofSeconds(seconds));
            }
        }
        return Reply.json(GoJson.indented(status()));
    }

    private void resume() {
        if (binlog != null) {
            binlog.recover();
        }
    }

    /** Go's {@code strconv.ParseInt(s, 10, 64)}, with TiDB's fallback for errors and non-positive values. */
    private static long parseSeconds(String text) {
        try {
            long s = Long.parseLong(text);
            return s > 0 ? s : DEFAULT_WAIT_SECONDS;
        } catch (NumberFormatException e) {
            return DEFAULT_WAIT_SECONDS;
        }
    }

    /** TiDB checks on a 500 ms ticker, so even an idle TiDB answers after the first tick. */
    private void awaitNoSkippedCommitters(Duration timeout) {
        long start = System.nanoTime();
        while (true) {
            try {
                Thread.sleep(CHECK_INTERVAL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TidbRequestException("interrupted");
            }
            if (binlog == null || binlog.skippedCommitters() == 0) {
                return;
            }
            if (System.nanoTime() - start > timeout.toNanos()) {
                throw new TidbRequestException("timeout");
            }
        }
    }

    private BinlogRecoverStatus status() {
        return binlog == null ? new BinlogRecoverStatus(false, 0)
                : new BinlogRecoverStatus(binlog.isSkipping(), binlog.skippedCommitters());
    }

    /** binloginfo's {@code BinlogRecoverStatus}: exported Go fields, so the JSON keys are the field names. */
    record BinlogRecoverStatus(@JsonProperty("Skipped") boolean skipped,
                               @JsonProperty("SkippedCommitterCounter") int skippedCommitterCounter) {
    }
}
