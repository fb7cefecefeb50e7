package io.tidbbinlog.sim.reference;

import java.util.List;

/**
 * The verdict on one table: whether it exists on both sides, which columns only one side has, row counts, how many
 * rows are missing downstream, extra downstream or different, and the first differing rows (up to the verifier's
 * sample limit). Rows are compared on the columns both sides have.
 */
public record TableVerification(String database, String table, Status status, long referenceRows,
                                long downstreamRows, long missingDownstream, long extraDownstream,
                                long differentRows, List<String> columnsMissingDownstream,
                                List<String> columnsExtraDownstream, List<RowDifference> samples) {
    public enum Status { EQUAL, DIFFERENT, TABLE_MISSING_DOWNSTREAM, TABLE_EXTRA_DOWNSTREAM }

    public TableVerification {
        columnsMissingDownstream = List.copyOf(columnsMissingDownstream);
        columnsExtraDownstream = List.copyOf(columnsExtraDownstream);
        samples = List.copyOf(samples);
    }

    public boolean equal() {
        return status == Status.EQUAL;
    }

    public String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append('`').append(database).append("`.`").append(table).append("`: ").append(status);
        switch (status) {
            case TABLE_MISSING_DOWNSTREAM -> sb.append(" (reference has ").append(referenceRows).append(" rows)");
            case TABLE_EXTRA_DOWNSTREAM -> sb.append(" (downstream has ").append(downstreamRows).append(" rows)");
            default -> {
                sb.append(" (reference ").append(referenceRows).append(" rows, downstream ").append(downstreamRows)
                        .append(" rows");
                if (status == Status.DIFFERENT) {
                    sb.append("; missing downstream ").append(missingDownstream).append(", extra downstream ")
                            .append(extraDownstream).append(", different ").append(differentRows);
                }
                sb.append(')');
            }
        }
        if (!columnsMissingDownstream.isEmpty()) {
            sb.append("\n    columns missing downstream: ").append(columnsMissingDownstream);
        }
        if (!columnsExtraDownstream.isEmpty()) {
            sb.append("\n    columns extra downstream: ").append(columnsExtraDownstream);
        }
        for (RowDifference d : samples) {
            sb.append("\n    ").append(d);
        }
        return sb.toString();
    }
}
