package io.tidbbinlog.schema;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * TiDB's numeric codes and type names. Expected values are read from pingcap/tidb: ActionType, JobState and
 * SchemaState constants in pkg/meta/model/job.go; type names from {@code type2Str} / {@code TypeToStr} in
 * pkg/types/etc.go (and {@code TypeTiDBVectorFloat32 = 0xe1} in pkg/parser/mysql/type.go).
 */
class CodesTest {

    @Test
    void actionTypesCarryTiDBsCodes() {
        assertEquals(ActionType.CREATE_SCHEMA, ActionType.of(1));
        assertEquals(ActionType.DROP_SCHEMA, ActionType.of(2));
        assertEquals(ActionType.CREATE_TABLE, ActionType.of(3));
        assertEquals(ActionType.DROP_TABLE, ActionType.of(4));
        assertEquals(ActionType.ADD_COLUMN, ActionType.of(5));
        assertEquals(ActionType.DROP_COLUMN, ActionType.of(6));
        assertEquals(ActionType.ADD_INDEX, ActionType.of(7));
        assertEquals(ActionType.DROP_INDEX, ActionType.of(8));
        assertEquals(ActionType.TRUNCATE_TABLE, ActionType.of(11));
        assertEquals(ActionType.MODIFY_COLUMN, ActionType.of(12));
        assertEquals(ActionType.RENAME_TABLE, ActionType.of(14));
        assertEquals(ActionType.ADD_TABLE_PARTITION, ActionType.of(19));
        assertEquals(ActionType.CREATE_VIEW, ActionType.of(21));
        assertEquals(ActionType.RECOVER_TABLE, ActionType.of(25));
        assertEquals(ActionType.CREATE_SEQUENCE, ActionType.of(34));
        assertEquals(ActionType.EXCHANGE_TABLE_PARTITION, ActionType.of(42));
        assertEquals(ActionType.RENAME_TABLES, ActionType.of(47));
        assertEquals(ActionType.CREATE_TABLES, ActionType.of(60));
        assertEquals(ActionType.MULTI_SCHEMA_CHANGE, ActionType.of(61));
        assertEquals(ActionType.RECOVER_SCHEMA, ActionType.of(63));
        assertEquals(ActionType.ALTER_TTL_REMOVE, ActionType.of(67));
        assertEquals(ActionType.REMOVE_PARTITIONING, ActionType.of(72));
        assertEquals(ActionType.MODIFY_SCHEMA_READ_ONLY, ActionType.of(77));
        assertEquals("alter table multi-schema change", ActionType.MULTI_SCHEMA_CHANGE.description());
    }

    @Test
    void unassignedAndFutureCodesAreUnknownNotErrors() {
        assertEquals(ActionType.UNKNOWN, ActionType.of(66));
        assertEquals(ActionType.UNKNOWN, ActionType.of(200));
        assertEquals(ActionType.UNKNOWN, ActionType.of(-3));
        assertEquals(JobState.UNKNOWN, JobState.of(11));
        assertEquals(SchemaState.UNKNOWN, SchemaState.of(8));
    }

    @Test
    void jobAndSchemaStatesCarryTiDBsCodes() {
        assertEquals(JobState.RUNNING, JobState.of(1));
        assertEquals(JobState.ROLLBACK_DONE, JobState.of(3));
        assertEquals(JobState.DONE, JobState.of(4));
        assertEquals(JobState.CANCELLED, JobState.of(5));
        assertEquals(JobState.SYNCED, JobState.of(6));
        assertEquals(JobState.QUEUEING, JobState.of(8));
        assertEquals(JobState.PAUSING, JobState.of(10));
        assertEquals(SchemaState.DELETE_ONLY, SchemaState.of(1));
        assertEquals(SchemaState.WRITE_REORGANIZATION, SchemaState.of(3));
        assertEquals(SchemaState.PUBLIC, SchemaState.of(5));
        assertEquals(SchemaState.GLOBAL_TXN_ONLY, SchemaState.of(7));
    }

    @Test
    void typeNamesAreTiDBsTypeToStr() {
        assertEquals("int", MysqlType.name(MysqlType.LONG, "binary"));
        assertEquals("varchar", MysqlType.name(MysqlType.VARCHAR, "utf8mb4"));
        assertEquals("varbinary", MysqlType.name(MysqlType.VARCHAR, "binary"));
        assertEquals("binary", MysqlType.name(MysqlType.STRING, "binary"));
        assertEquals("text", MysqlType.name(MysqlType.BLOB, "utf8mb4"));
        assertEquals("blob", MysqlType.name(MysqlType.BLOB, "binary"));
        assertEquals("mediumblob", MysqlType.name(MysqlType.MEDIUM_BLOB, "binary"));
        assertEquals("decimal", MysqlType.name(MysqlType.NEWDECIMAL, "binary"));
        assertEquals("unspecified", MysqlType.name(0, "binary"), "code 0 is TypeUnspecified in TiDB");
        assertEquals("binary", MysqlType.name(MysqlType.NULL, "binary"));
        assertEquals("null", MysqlType.name(MysqlType.NULL, "utf8mb4"));
        assertEquals("vector", MysqlType.name(MysqlType.TIDB_VECTOR_FLOAT32, "binary"));
        assertEquals("", MysqlType.name(MysqlType.NEWDATE, "binary"), "TiDB has no name for NEWDATE");
        assertEquals("var_string", MysqlType.name(MysqlType.VAR_STRING, "utf8mb4"));
    }
}
