package io.tidbbinlog.proto;

import static io.tidbbinlog.proto.WireBytes.assertReencodes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.tidbbinlog.proto.binlog.Binlog;
import io.tidbbinlog.proto.binlog.BinlogType;
import io.tidbbinlog.proto.binlog.MutationType;
import io.tidbbinlog.proto.binlog.PrewriteValue;
import io.tidbbinlog.proto.binlog.TableMutation;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Hand-assembled wire bytes for tipb's binlog.proto (proto2, package binlog), in the order and with the fields that
 * Go's gogo marshaller writes: tipb go-binlog/binlog.pb.go at e9fcadb2a31289d82c2ce3c07f8c60ca43d7f93a always writes
 * the nullable=false scalars (tp, start_ts, commit_ts, ddl_job_id, ddl_schema_state, table_id, schema_version) even
 * when zero, and repeated scalars unpacked. Tag = field << 3 | wire type (0 varint, 2 length-delimited); int64 and
 * int32 are plain two's-complement varints (no zig-zag), so negatives take 10 bytes.
 */
class BinlogWireVectorsTest {
    static final long START_TS = 407623959013752833L;   // varint 81 80 d0 f7 cb fa 8a d4 05
    static final long COMMIT_TS = 407623959026597889L;  // varint 81 80 e0 fd cb fa 8a d4 05
    static final long FAKE_TS = 407623959013752832L;    // varint 80 80 d0 f7 cb fa 8a d4 05

    /** Record key of handle 1 in table 45: 't' + int64(45) with sign bit flipped + "_r" + int64(1) likewise. */
    static final String PRIMARY_KEY = "74 80 00 00 00 00 00 00 2d 5f 72 80 00 00 00 00 00 00 01";
    /** Opaque row bytes: this test is about framing, the row codec has its own tests. */
    static final String ROW1 = "08 02 02 06 61 62 63";
    static final String ROW2 = "08 04 02 06 64 65 66";

    static final String DML_PREWRITE = """
            08 00                                         // 1 tp = Prewrite (0), written although 0
            10 81 80 d0 f7 cb fa 8a d4 05                 // 2 start_ts
            18 00                                         // 3 commit_ts = 0, written although 0
            22 13 74 80 00 00 00 00 00 00 2d 5f 72 80 00 00 00 00 00 00 01  // 4 prewrite_key, 19 bytes
            2a 11                                         // 5 prewrite_value, 17 bytes: PrewriteValue {
              08 2f                                       //   1 schema_version = 47
              12 0d                                       //   2 mutations[0], 13 bytes: TableMutation {
                08 2d                                     //     1 table_id = 45
                12 07 08 02 02 06 61 62 63                //     2 inserted_rows[0], 7 bytes
                38 00                                     //     7 sequence[0] = Insert
                                                          //   } }
            38 00                                         // 7 ddl_job_id = 0
            40 00                                         // 8 ddl_schema_state = 0
            """;

    static final String COMMIT = """
            08 01                                         // 1 tp = Commit
            10 81 80 d0 f7 cb fa 8a d4 05                 // 2 start_ts
            18 81 80 e0 fd cb fa 8a d4 05                 // 3 commit_ts
            22 13 74 80 00 00 00 00 00 00 2d 5f 72 80 00 00 00 00 00 00 01  // 4 prewrite_key kept from the P-binlog
                                                          // 5 prewrite_value: nil on the C-binlog, not written
            38 00                                         // 7 ddl_job_id = 0
            40 00                                         // 8 ddl_schema_state = 0
            """;

    static final String FAKE = """
            08 02                                         // 1 tp = Rollback
            10 80 80 d0 f7 cb fa 8a d4 05                 // 2 start_ts = T
            18 80 80 d0 f7 cb fa 8a d4 05                 // 3 commit_ts = T (same: a pump fake binlog)
            38 00                                         // 7 ddl_job_id
            40 00                                         // 8 ddl_schema_state
            """;

    @Test
    void dmlPrewriteBinlogAsTidbWritesIt() throws Exception {
        byte[] wire = WireBytes.of(DML_PREWRITE);
        Binlog b = Binlog.parseFrom(wire);
        assertTrue(b.hasTp());
        assertEquals(BinlogType.Prewrite, b.getTp());
        assertEquals(START_TS, b.getStartTs());
        assertTrue(b.hasCommitTs());
        assertEquals(0, b.getCommitTs());
        assertEquals(ByteString.copyFrom(WireBytes.of(PRIMARY_KEY)), b.getPrewriteKey());
        assertFalse(b.hasDdlQuery());
        assertTrue(b.hasDdlJobId());
        assertEquals(0, b.getDdlJobId());
        assertEquals(0, b.getDdlSchemaState());

        PrewriteValue pv = PrewriteValue.parseFrom(b.getPrewriteValue());
        assertEquals(47, pv.getSchemaVersion());
        assertEquals(1, pv.getMutationsCount());
        TableMutation m = pv.getMutations(0);
        assertEquals(45, m.getTableId());
        assertEquals(List.of(ByteString.copyFrom(WireBytes.of(ROW1))), m.getInsertedRowsList());
        assertEquals(List.of(MutationType.Insert), m.getSequenceList());
        assertReencodes(wire, b);
    }

    @Test
    void dmlPrewriteBuiltWithEveryGogoNonNullableFieldSetEncodesLikeGo() {
        // what our own encoders must do: set the nullable=false fields explicitly, zero or not
        TableMutation m = TableMutation.newBuilder().setTableId(45)
                .addInsertedRows(ByteString.copyFrom(WireBytes.of(ROW1))).addSequence(MutationType.Insert).build();
        PrewriteValue pv = PrewriteValue.newBuilder().setSchemaVersion(47).addMutations(m).build();
        Binlog b = Binlog.newBuilder().setTp(BinlogType.Prewrite).setStartTs(START_TS).setCommitTs(0)
                .setPrewriteKey(ByteString.copyFrom(WireBytes.of(PRIMARY_KEY))).setPrewriteValue(pv.toByteString())
                .setDdlJobId(0).setDdlSchemaState(0).build();
        assertReencodes(WireBytes.of(DML_PREWRITE), b);
    }

    @Test
    void commitBinlog() throws Exception {
        byte[] wire = WireBytes.of(COMMIT);
        Binlog b = Binlog.parseFrom(wire);
        assertEquals(BinlogType.Commit, b.getTp());
        assertEquals(START_TS, b.getStartTs());
        assertEquals(COMMIT_TS, b.getCommitTs());
        assertFalse(b.hasPrewriteValue());
        assertEquals(19, b.getPrewriteKey().size());
        assertReencodes(wire, b);
    }

    @Test
    void pumpFakeBinlogIsARollbackWithEqualTimestamps() throws Exception {
        byte[] wire = WireBytes.of(FAKE);
        Binlog b = Binlog.parseFrom(wire);
        assertEquals(BinlogType.Rollback, b.getTp());
        assertEquals(FAKE_TS, b.getStartTs());
        assertEquals(FAKE_TS, b.getCommitTs());
        assertFalse(b.hasPrewriteKey());
        assertReencodes(wire, b);
    }

    @Test
    void ddlPrewriteBinlog() throws Exception {
        byte[] wire = WireBytes.of("""
                08 00                                     // 1 tp = Prewrite
                10 81 80 d0 f7 cb fa 8a d4 05             // 2 start_ts
                18 00                                     // 3 commit_ts = 0
                22 08 "mNextGlo"                          // 4 prewrite_key: the DDL txn's primary (a meta key), 8 bytes
                32 24 "create table t1 (id int primary key)"  // 6 ddl_query, 36 bytes
                38 36                                     // 7 ddl_job_id = 54
                40 05                                     // 8 ddl_schema_state = 5 (public)
                """);
        Binlog b = Binlog.parseFrom(wire);
        assertEquals(BinlogType.Prewrite, b.getTp());
        assertEquals("create table t1 (id int primary key)", b.getDdlQuery().toStringUtf8());
        assertEquals(54, b.getDdlJobId());
        assertEquals(5, b.getDdlSchemaState());
        assertFalse(b.hasPrewriteValue());
        assertReencodes(wire, b);
    }

    @Test
    void negativeInt64AndInt32AreTenByteVarints() throws Exception {
        byte[] wire = WireBytes.of("""
                08 01                                     // 1 tp = Commit
                10 ff ff ff ff ff ff ff ff ff 01          // 2 start_ts = -1
                18 fb ff ff ff ff ff ff ff ff 01          // 3 commit_ts = -5
                38 00                                     // 7 ddl_job_id
                40 ff ff ff ff ff ff ff ff ff 01          // 8 ddl_schema_state = -1 (int32 is sign-extended to 64 bits)
                """);
        Binlog b = Binlog.parseFrom(wire);
        assertEquals(-1, b.getStartTs());
        assertEquals(-5, b.getCommitTs());
        assertEquals(-1, b.getDdlSchemaState());
        assertReencodes(wire, b);
    }

    @Test
    void prewriteValueWithTwoTableMutations() throws Exception {
        byte[] wire = WireBytes.of("""
                08 2f                                     // 1 schema_version = 47
                12 18                                     // 2 mutations[0], 24 bytes {
                  08 2d                                   //   1 table_id = 45
                  12 07 08 02 02 06 61 62 63              //   2 inserted_rows[0]
                  12 07 08 04 02 06 64 65 66              //   2 inserted_rows[1]
                  38 00                                   //   7 sequence: Insert
                  38 00                                   //   7 sequence: Insert }
                12 1f                                     // 2 mutations[1], 31 bytes {
                  08 2e                                   //   1 table_id = 46
                  1a 0e 08 02 02 06 61 62 63 08 04 02 06 64 65 66  // 3 updated_rows[0]: old row then new row
                  32 07 08 02 02 06 61 62 63              //   6 deleted_rows[0]
                  38 01                                   //   7 sequence: Update
                  38 04                                   //   7 sequence: DeleteRow }
                """);
        PrewriteValue pv = PrewriteValue.parseFrom(wire);
        assertEquals(47, pv.getSchemaVersion());
        assertEquals(2, pv.getMutationsCount());
        TableMutation a = pv.getMutations(0);
        assertEquals(45, a.getTableId());
        assertEquals(2, a.getInsertedRowsCount());
        assertEquals(ByteString.copyFrom(WireBytes.of(ROW2)), a.getInsertedRows(1));
        assertEquals(List.of(MutationType.Insert, MutationType.Insert), a.getSequenceList());
        TableMutation b = pv.getMutations(1);
        assertEquals(46, b.getTableId());
        assertEquals(ByteString.copyFrom(WireBytes.of(ROW1 + " " + ROW2)), b.getUpdatedRows(0));
        assertEquals(ByteString.copyFrom(WireBytes.of(ROW1)), b.getDeletedRows(0));
        assertEquals(List.of(MutationType.Update, MutationType.DeleteRow), b.getSequenceList());
        assertReencodes(wire, pv);
    }

    static final String MIXED_UNPACKED = """
            08 2d                                         // 1 table_id = 45
            12 07 08 02 02 06 61 62 63                    // 2 inserted_rows[0]
            1a 0e 08 02 02 06 61 62 63 08 04 02 06 64 65 66  // 3 updated_rows[0]
            20 ff ff ff ff ff ff ff ff ff 01              // 4 deleted_ids[0] = -1
            20 07                                         // 4 deleted_ids[1] = 7
            2a 02 01 02                                   // 5 deleted_pks[0]
            32 07 08 04 02 06 64 65 66                    // 6 deleted_rows[0]
            38 00                                         // 7 sequence: Insert
            38 01                                         // 7 sequence: Update
            38 04                                         // 7 sequence: DeleteRow
            38 02                                         // 7 sequence: DeleteID
            38 03                                         // 7 sequence: DeletePK
            """;

    @Test
    void tableMutationWithMixedSequenceUnpacked() throws Exception {
        byte[] wire = WireBytes.of(MIXED_UNPACKED);
        TableMutation m = TableMutation.parseFrom(wire);
        assertMixed(m);
        assertReencodes(wire, m);
    }

    @Test
    void packedSequenceAndDeletedIdsAreAcceptedAndReencodeUnpacked() throws Exception {
        byte[] packed = WireBytes.of("""
                08 2d                                     // 1 table_id = 45
                12 07 08 02 02 06 61 62 63                // 2 inserted_rows[0]
                1a 0e 08 02 02 06 61 62 63 08 04 02 06 64 65 66  // 3 updated_rows[0]
                22 0b ff ff ff ff ff ff ff ff ff 01 07    // 4 deleted_ids packed, 11 bytes: -1, 7
                2a 02 01 02                               // 5 deleted_pks[0]
                32 07 08 04 02 06 64 65 66                // 6 deleted_rows[0]
                3a 05 00 01 04 02 03                      // 7 sequence packed, 5 bytes
                """);
        TableMutation m = TableMutation.parseFrom(packed);
        assertMixed(m);
        assertEquals(TableMutation.parseFrom(WireBytes.of(MIXED_UNPACKED)), m);
        // proto2 repeated scalars are written unpacked, as gogo writes them
        assertReencodes(WireBytes.of(MIXED_UNPACKED), m);
    }

    @Test
    void anUnknownMutationTypeIsNotInTheSequenceListButKeptAsAnUnknownField() throws Exception {
        // Java's proto2 parser moves an enum number it does not know out of the repeated field; a consumer walking
        // `sequence` must check the unknown fields, or it silently misses an operation
        byte[] wire = WireBytes.of("""
                08 2d                                     // 1 table_id = 45
                38 00                                     // 7 sequence: Insert
                38 09                                     // 7 sequence: 9, not a MutationType
                """);
        TableMutation m = TableMutation.parseFrom(wire);
        assertEquals(List.of(MutationType.Insert), m.getSequenceList());
        assertTrue(m.getUnknownFields().hasField(7));
        assertEquals(List.of(9L), m.getUnknownFields().getField(7).getVarintList());
    }

    private static void assertMixed(TableMutation m) {
        assertEquals(45, m.getTableId());
        assertEquals(List.of(-1L, 7L), m.getDeletedIdsList());
        assertEquals(ByteString.copyFrom(new byte[] {1, 2}), m.getDeletedPks(0));
        assertEquals(ByteString.copyFrom(WireBytes.of(ROW2)), m.getDeletedRows(0));
        assertEquals(List.of(MutationType.Insert, MutationType.Update, MutationType.DeleteRow, MutationType.DeleteID,
                MutationType.DeletePK), m.getSequenceList());
    }
}
