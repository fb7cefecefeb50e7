package io.tidbbinlog.sim.reference;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** A table's columns as information_schema reports them: names in ordinal order, SQL kinds, primary key columns. */
record TableColumns(List<String> names, List<String> dataTypes, Set<String> jsonColumns, List<String> primaryKey) {

    static TableColumns read(Connection c, String database, String table) throws SQLException {
        List<String> names = new ArrayList<>();
        List<String> types = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT COLUMN_NAME, DATA_TYPE FROM information_schema.COLUMNS"
                + " WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION")) {
            ps.setString(1, database);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                    types.add(rs.getString(2));
                }
            }
        }
        List<String> pk = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT COLUMN_NAME FROM information_schema.STATISTICS"
                + " WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? AND INDEX_NAME = 'PRIMARY' ORDER BY SEQ_IN_INDEX")) {
            ps.setString(1, database);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    pk.add(rs.getString(1));
                }
            }
        }
        return new TableColumns(names, types, jsonColumns(c, database, table, names, types), pk);
    }

    /**
     * MariaDB's JSON is LONGTEXT with a {@code json_valid(`col`)} check; MySQL reports DATA_TYPE {@code json}.
     */
    private static Set<String> jsonColumns(Connection c, String database, String table, List<String> names,
                                           List<String> types) throws SQLException {
        Set<String> json = new HashSet<>();
        for (int i = 0; i < names.size(); i++) {
            if ("json".equalsIgnoreCase(types.get(i))) {
                json.add(names.get(i).toLowerCase(Locale.ROOT));
            }
        }
        if (!c.getMetaData().getDatabaseProductVersion().toLowerCase(Locale.ROOT).contains("mariadb")) {
            return json;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT CHECK_CLAUSE FROM information_schema.CHECK_CONSTRAINTS"
                + " WHERE CONSTRAINT_SCHEMA = ? AND TABLE_NAME = ?")) {
            ps.setString(1, database);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String clause = rs.getString(1).trim().toLowerCase(Locale.ROOT);
                    for (String n : names) {
                        String lower = n.toLowerCase(Locale.ROOT);
                        if (clause.equals("json_valid(" + Identifiers.quote(lower) + ")")) {
                            json.add(lower);
                        }
                    }
                }
            }
        }
        return json;
    }

    int indexOf(String name) {
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    boolean isJson(String name) {
        return jsonColumns.contains(name.toLowerCase(Locale.ROOT));
    }
}
