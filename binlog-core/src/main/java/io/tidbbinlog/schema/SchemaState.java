package io.tidbbinlog.schema;

/**
 * Lifecycle state of a schema element ({@code model.SchemaState}); the JSON carries the numeric code.
 * Codes are TiDB's (pkg/meta/model/job.go), which promises to only ever append new states.
 */
public enum SchemaState {
    NONE(0),
    DELETE_ONLY(1),
    WRITE_ONLY(2),
    WRITE_REORGANIZATION(3),
    DELETE_REORGANIZATION(4),
    PUBLIC(5),
    REPLICA_ONLY(6),
    GLOBAL_TXN_ONLY(7),
    /** A code this build does not know (a newer TiDB). */
    UNKNOWN(-1);

    private final int code;

    SchemaState(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static SchemaState of(int code) {
        for (SchemaState s : values()) {
            if (s.code == code) {
                return s;
            }
        }
        return UNKNOWN;
    }

    public static boolean isPublic(int code) {
        return code == PUBLIC.code;
    }
}
