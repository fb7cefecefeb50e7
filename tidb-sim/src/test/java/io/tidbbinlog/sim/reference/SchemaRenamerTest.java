package io.tidbbinlog.sim.reference;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SchemaRenamerTest {
    private final SchemaRenamer renamer = new SchemaRenamer(Set.of("shop", "other db"), name -> "s_" + name);

    @Test
    void qualifiedNamesOfKnownDatabasesAreRenamed() {
        assertEquals("ALTER TABLE `s_shop`.`t` ADD COLUMN c INT",
                renamer.rewrite("ALTER TABLE `shop`.`t` ADD COLUMN c INT"));
        // MariaDB on Linux tells SHOP from shop; the scratch name keeps the spelling the reference ran.
        assertEquals("RENAME TABLE `s_SHOP` . a TO `s_other db`.b",
                renamer.rewrite("RENAME TABLE SHOP . a TO `other db`.b"));
        assertEquals("CREATE TABLE x LIKE `s_shop`.`y`", renamer.rewrite("CREATE TABLE x LIKE shop.`y`"));
    }

    @Test
    void unknownQualifiersStringsCommentsAndNumbersAreLeftAlone() {
        assertEquals("CREATE TABLE t (a DECIMAL(5,2) DEFAULT 1.5, b VARCHAR(9) DEFAULT 'shop.t') /* shop.t */",
                renamer.rewrite("CREATE TABLE t (a DECIMAL(5,2) DEFAULT 1.5, b VARCHAR(9) DEFAULT 'shop.t') /* shop.t */"));
        assertEquals("ALTER TABLE elsewhere.t ADD x INT", renamer.rewrite("ALTER TABLE elsewhere.t ADD x INT"));
        assertEquals("CREATE TABLE t (s TEXT DEFAULT 'it''s shop.t')",
                renamer.rewrite("CREATE TABLE t (s TEXT DEFAULT 'it''s shop.t')"));
    }

    @Test
    void databaseDdlNamesTheScratchDatabase() {
        assertEquals("CREATE DATABASE IF NOT EXISTS `s_new`", renamer.rewrite("CREATE DATABASE IF NOT EXISTS new"));
        assertEquals("drop schema if exists `s_shop`", renamer.rewrite("drop schema if exists `shop`"));
        assertEquals("ALTER DATABASE `s_shop` CHARACTER SET utf8mb4",
                renamer.rewrite("ALTER DATABASE shop CHARACTER SET utf8mb4"));
    }
}
