package io.tidbbinlog.format;

import com.google.protobuf.ByteString;
import io.tidbbinlog.model.DdlChange;
import io.tidbbinlog.model.Txn;
import io.tidbbinlog.proto.pbbinlog.Binlog;
import io.tidbbinlog.proto.pbbinlog.BinlogType;
import org.junit.jupiter.api.Test;

import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * CREATE DATABASE detection in the pb_binlog DDL text, compared with drainer and Reparo.
 *
 * <p>Drainer ({@code tidb-binlog drainer/translator/pb.go TiBinlogToPbBinlog}) decides with
 * {@code util.IsCreateDatabaseDDL} ({@code pkg/util/util.go}), which PARSES the query with TiDB's parser and
 * checks for an {@code *ast.CreateDatabaseStmt}: comments ({@code -- }, {@code #}, {@code /* *&#47;}) and the
 * absence of a space before a quoted name do not matter. A CREATE DATABASE is only terminated with {@code ;};
 * anything else gets {@code use `db`; ...;}. Reparo ({@code reparo/syncer/translate.go parserSchemaTableFromDDL})
 * also parses, taking the schema from the {@code CreateDatabaseStmt}'s name.
 */
class DdlQueryTextFidelityTest {
    private final PbBinlogConverter converter = new PbBinlogConverter(ZoneOffset.UTC);

    private String written(String schema, String query) {
        return converter.toPb(Txn.ddl(1, 2, new DdlChange(schema, "", query, 9, 1, 7))).getDdlQuery()
                .toStringUtf8();
    }

    @Test
    void createDatabaseAfterLineCommentsIsStillOnlyTerminated() {
        assertEquals("-- made by a tool\nCREATE DATABASE db1;", written("db1", "-- made by a tool\nCREATE DATABASE db1"));
        assertEquals("# note\nCREATE SCHEMA db3;", written("db3", "# note\nCREATE SCHEMA db3"));
    }

    @Test
    void createDatabaseWithTheQuotedNameRightAfterTheKeywordIsDetected() {
        assertEquals("CREATE DATABASE`db2`;", written("db2", "CREATE DATABASE`db2`"));
    }

    @Test
    void aDatabaseNamedLikeAKeywordPrefixIsNotACreateDatabase() {
        assertEquals("use `d`; CREATE DATABASEX;", written("d", "CREATE DATABASEX"));
    }

    @Test
    void readingBackTakesTheSchemaFromTheCreateDatabaseStatement() {
        Binlog b = Binlog.newBuilder().setTp(BinlogType.DDL).setCommitTs(9)
                .setDdlQuery(ByteString.copyFromUtf8("-- c\nCREATE DATABASE IF NOT EXISTS`my``db` CHARSET utf8mb4;"))
                .build();
        assertEquals("my`db", converter.fromPb(b).ddl().schema());
        Binlog plain = b.toBuilder().setDdlQuery(ByteString.copyFromUtf8("/* x */ create schema db5;")).build();
        assertEquals("db5", converter.fromPb(plain).ddl().schema());
    }
}
