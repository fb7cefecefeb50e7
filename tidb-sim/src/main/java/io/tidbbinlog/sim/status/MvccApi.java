package io.tidbbinlog.sim.status;

import io.tidbbinlog.schema.PartitionDefinition;
import io.tidbbinlog.schema.TableInfo;
import io.tidbbinlog.sim.catalog.CatalogView;
import io.tidbbinlog.sim.txn.KeyMvcc;
import io.tidbbinlog.sim.txn.MvccView;

import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * TiDB's MVCC debug routes (pingcap/tidb {@code tikv_handler.go} MvccTxnHandler, {@code pkg/server/handler
 * HandleMvccGetByHex}, {@code store/helper GetMvccByStartTs}):
 * <ul>
 *   <li>{@code /mvcc/hex/{hexKey}}: the key's MVCC record; a key never written answers {@code "info": {}}.</li>
 *   <li>{@code /mvcc/txn/{startTS}/{db}/{table}}: the MVCC record of a key of that table the transaction wrote,
 *       or JSON {@code null} when there is none. A partitioned table is named {@code table(partition)}.</li>
 *   <li>{@code /mvcc/txn/{startTS}}: the same over every table (the form older TiDBs served).</li>
 * </ul>
 * The simulated store answers a start ts with the transaction's primary key, so the table form finds a
 * transaction by its primary key's table only.
 */
final class MvccApi {

    /** TiKV's default {@code max-key-size} is 8 KiB; the hex form is twice that. */
    static final int MAX_KEY_BYTES = 8 * 1024;

    private final MvccView mvcc;
    private final CatalogView catalog;

    MvccApi(MvccView mvcc, CatalogView catalog) {
        this.mvcc = mvcc;
        this.catalog = catalog;
    }

    Reply byHex(String hexKey) {
        if (hexKey.length() > 2 * MAX_KEY_BYTES) {
            throw new TidbRequestException("key too long: " + hexKey.length() / 2 + " bytes, at most "
                    + MAX_KEY_BYTES);
        }
        byte[] key = decodeHex(hexKey);
        KeyMvcc found = mvcc.byKey(key).orElse(null);
        return Reply.json(GoJson.indented(MvccJson.keyAnswer(hexKey.toUpperCase(Locale.ROOT), found)));
    }

    Reply byStartTs(String startTsText, String db, String table) {
        long startTs = GoStrconv.parseIntBase0(startTsText);
        Long physicalTableId = db == null ? null : physicalTableId(db, table);
        Optional<KeyMvcc> found = mvcc.byStartTs(startTs);
        if (found.isEmpty() || (physicalTableId != null && !inTable(found.get().key(), physicalTableId))) {
            return Reply.json(GoJson.indented(null));
        }
        KeyMvcc m = found.get();
        String hex = HexFormat.of().withUpperCase().formatHex(m.key());
        return Reply.json(GoJson.indented(MvccJson.keyAnswer(hex, m)));
    }

    /** TiDB's {@code GetTableID}: {@code table} or {@code table(partition)}. */
    private long physicalTableId(String db, String tableParam) {
        String tableName = tableParam;
        String partitionName = "";
        int open = tableParam.indexOf('(');
        int close = tableParam.indexOf(')');
        if (open >= 0 && close >= 0) {
            tableName = tableParam.substring(0, open);
            partitionName = tableParam.substring(open + 1, close);
        }
        String name = tableName;
        TableInfo t = catalog.table(db, name).orElseThrow(() -> TidbRequestException.noSuchTable(db, name));
        if (t.isPartitioned()) {
            if (partitionName.isEmpty()) {
                throw new TidbRequestException(
                        "work on partitioned table, please specify the table name like this: table(partition)");
            }
            for (PartitionDefinition p : t.partition().definitions()) {
                if (p.name().l().equals(partitionName.toLowerCase(Locale.ROOT))) {
                    return p.id();
                }
            }
            throw new TidbRequestException("[table:1735]Unknown partition '" + partitionName + "' in table '"
                    + t.name().o() + "'");
        }
        if (!partitionName.isEmpty()) {
            throw new TidbRequestException(t.name().o() + " is not a partitionted table");
        }
        return t.id();
    }

    /** Keys of a table start with {@code 't'} and its id as a comparable int64 (tablecodec). */
    private static boolean inTable(byte[] key, long tableId) {
        if (key.length < 9 || key[0] != 't') {
            return false;
        }
        long encoded = 0;
        for (int i = 1; i <= 8; i++) {
            encoded = (encoded << 8) | (key[i] & 0xFF);
        }
        return (encoded ^ Long.MIN_VALUE) == tableId;
    }

    /** Go's {@code hex.DecodeString}, with its error texts. */
    private static byte[] decodeHex(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.digit(c, 16) < 0 || c > 0x7f) {
                throw new TidbRequestException(String.format("encoding/hex: invalid byte: U+%04X %s", (int) c,
                        goQuoteRune(c)));
            }
        }
        if (s.length() % 2 != 0) {
            throw new TidbRequestException("encoding/hex: odd length hex string");
        }
        return HexFormat.of().parseHex(s);
    }

    private static String goQuoteRune(char c) {
        if (c == '\'' || c == '\\') {
            return "'\\" + c + "'";
        }
        return c >= 0x20 && c != 0x7f ? "'" + c + "'" : String.format("'\\x%02x'", (int) c);
    }
}
