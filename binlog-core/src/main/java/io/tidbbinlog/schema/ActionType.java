package io.tidbbinlog.schema;

/**
 * DDL action of a job ({@code model.ActionType}), with TiDB's numeric codes and its {@code ActionMap} names
 * (pingcap/tidb pkg/meta/model/job.go). Codes 37, 38, 46 and 48 are deprecated in TiDB but may still appear in
 * an old cluster's history; the names given for them are descriptive only. Code 66 was never assigned.
 */
public enum ActionType {
    NONE(0, "none"),
    CREATE_SCHEMA(1, "create schema"),
    DROP_SCHEMA(2, "drop schema"),
    CREATE_TABLE(3, "create table"),
    DROP_TABLE(4, "drop table"),
    ADD_COLUMN(5, "add column"),
    DROP_COLUMN(6, "drop column"),
    ADD_INDEX(7, "add index"),
    DROP_INDEX(8, "drop index"),
    ADD_FOREIGN_KEY(9, "add foreign key"),
    DROP_FOREIGN_KEY(10, "drop foreign key"),
    TRUNCATE_TABLE(11, "truncate table"),
    MODIFY_COLUMN(12, "modify column"),
    REBASE_AUTO_ID(13, "rebase auto_increment ID"),
    RENAME_TABLE(14, "rename table"),
    SET_DEFAULT_VALUE(15, "set default value"),
    SHARD_ROW_ID(16, "shard row ID"),
    MODIFY_TABLE_COMMENT(17, "modify table comment"),
    RENAME_INDEX(18, "rename index"),
    ADD_TABLE_PARTITION(19, "add partition"),
    DROP_TABLE_PARTITION(20, "drop partition"),
    CREATE_VIEW(21, "create view"),
    MODIFY_TABLE_CHARSET_AND_COLLATE(22, "modify table charset and collate"),
    TRUNCATE_TABLE_PARTITION(23, "truncate partition"),
    DROP_VIEW(24, "drop view"),
    RECOVER_TABLE(25, "recover table"),
    MODIFY_SCHEMA_CHARSET_AND_COLLATE(26, "modify schema charset and collate"),
    LOCK_TABLE(27, "lock table"),
    UNLOCK_TABLE(28, "unlock table"),
    REPAIR_TABLE(29, "repair table"),
    SET_TIFLASH_REPLICA(30, "set tiflash replica"),
    UPDATE_TIFLASH_REPLICA_STATUS(31, "update tiflash replica status"),
    ADD_PRIMARY_KEY(32, "add primary key"),
    DROP_PRIMARY_KEY(33, "drop primary key"),
    CREATE_SEQUENCE(34, "create sequence"),
    ALTER_SEQUENCE(35, "alter sequence"),
    DROP_SEQUENCE(36, "drop sequence"),
    ADD_COLUMNS(37, "add multi-columns"),
    DROP_COLUMNS(38, "drop multi-columns"),
    MODIFY_TABLE_AUTO_ID_CACHE(39, "modify auto id cache"),
    REBASE_AUTO_RANDOM_BASE(40, "rebase auto_random ID"),
    ALTER_INDEX_VISIBILITY(41, "alter index visibility"),
    EXCHANGE_TABLE_PARTITION(42, "exchange partition"),
    ADD_CHECK_CONSTRAINT(43, "add check constraint"),
    DROP_CHECK_CONSTRAINT(44, "drop check constraint"),
    ALTER_CHECK_CONSTRAINT(45, "alter check constraint"),
    ALTER_TABLE_ALTER_PARTITION(46, "alter partition"),
    RENAME_TABLES(47, "rename tables"),
    DROP_INDEXES(48, "drop multi-indexes"),
    ALTER_TABLE_ATTRIBUTES(49, "alter table attributes"),
    ALTER_TABLE_PARTITION_ATTRIBUTES(50, "alter table partition attributes"),
    CREATE_PLACEMENT_POLICY(51, "create placement policy"),
    ALTER_PLACEMENT_POLICY(52, "alter placement policy"),
    DROP_PLACEMENT_POLICY(53, "drop placement policy"),
    ALTER_TABLE_PARTITION_PLACEMENT(54, "alter table partition placement"),
    MODIFY_SCHEMA_DEFAULT_PLACEMENT(55, "modify schema default placement"),
    ALTER_TABLE_PLACEMENT(56, "alter table placement"),
    ALTER_CACHE_TABLE(57, "alter table cache"),
    ALTER_TABLE_STATS_OPTIONS(58, "alter table statistics options"),
    ALTER_NO_CACHE_TABLE(59, "alter table nocache"),
    CREATE_TABLES(60, "create tables"),
    MULTI_SCHEMA_CHANGE(61, "alter table multi-schema change"),
    FLASHBACK_CLUSTER(62, "flashback cluster"),
    RECOVER_SCHEMA(63, "flashback schema"),
    REORGANIZE_PARTITION(64, "alter table reorganize partition"),
    ALTER_TTL_INFO(65, "alter table ttl"),
    ALTER_TTL_REMOVE(67, "alter table no_ttl"),
    CREATE_RESOURCE_GROUP(68, "create resource group"),
    ALTER_RESOURCE_GROUP(69, "alter resource group"),
    DROP_RESOURCE_GROUP(70, "drop resource group"),
    ALTER_TABLE_PARTITIONING(71, "alter table partition by"),
    REMOVE_PARTITIONING(72, "alter table remove partitioning"),
    ADD_COLUMNAR_INDEX(73, "add columnar index"),
    MODIFY_ENGINE_ATTRIBUTE(74, "modify engine attribute"),
    ALTER_TABLE_MODE(75, "alter table mode"),
    REFRESH_META(76, "refresh meta"),
    MODIFY_SCHEMA_READ_ONLY(77, "modify schema read only"),
    /** A code this build does not know (a newer TiDB). */
    UNKNOWN(-1, "unknown");

    private static final ActionType[] BY_CODE = new ActionType[128];

    static {
        for (ActionType a : values()) {
            if (a.code >= 0) {
                BY_CODE[a.code] = a;
            }
        }
    }

    private final int code;
    private final String description;

    ActionType(int code, String description) {
        this.code = code;
        this.description = description;
    }

    public int code() {
        return code;
    }

    /** TiDB's name for the action, e.g. "add column". */
    public String description() {
        return description;
    }

    public static ActionType of(int code) {
        ActionType a = code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
        return a == null ? UNKNOWN : a;
    }
}
