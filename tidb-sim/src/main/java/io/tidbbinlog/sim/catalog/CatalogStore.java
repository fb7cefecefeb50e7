package io.tidbbinlog.sim.catalog;

/**
 * Where a {@link Catalog} keeps its meta durably (TiDB keeps it in TiKV): given the whole catalog as
 * {@link Catalog#toJson()} writes it after each DDL commit (and after an abort, whose ids stay used). A save
 * that throws fails the DDL: nothing of it becomes visible.
 */
@FunctionalInterface
public interface CatalogStore {
    void save(byte[] catalogJson);
}
